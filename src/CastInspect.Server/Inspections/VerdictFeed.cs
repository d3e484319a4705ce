using System.Collections.Concurrent;
using System.Threading.Channels;
using CastInspect.Contracts.V1;

namespace CastInspect.Server.Inspections;

/// <summary>Fans stored verdicts out to <c>WatchVerdicts</c> subscribers. A slow subscriber loses its oldest verdicts, never blocks the line.</summary>
public sealed class VerdictFeed
{
    private const int SubscriberBuffer = 1024;
    private readonly ConcurrentDictionary<Subscription, byte> _subscribers = new();

    public void Publish(PartVerdict verdict)
    {
        foreach (var subscriber in _subscribers.Keys)
        {
            subscriber.Channel.Writer.TryWrite(verdict);
        }
    }

    /// <summary>Starts receiving verdicts at once; dispose to stop.</summary>
    public Subscription Subscribe()
    {
        var subscription = new Subscription(this);
        _subscribers[subscription] = 0;
        return subscription;
    }

    /// <summary>One subscriber's verdicts.</summary>
    public sealed class Subscription : IDisposable
    {
        private readonly VerdictFeed _feed;

        internal Subscription(VerdictFeed feed) => _feed = feed;

        internal Channel<PartVerdict> Channel { get; } = System.Threading.Channels.Channel.CreateBounded<PartVerdict>(
            new BoundedChannelOptions(SubscriberBuffer) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

        public ChannelReader<PartVerdict> Reader => Channel.Reader;

        public void Dispose()
        {
            _feed._subscribers.TryRemove(this, out _);
            Channel.Writer.TryComplete();
        }
    }
}
