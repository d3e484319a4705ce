namespace CastInspect.Storage.Viewer;

/// <summary>What a viewer user may do: reviewers disposition parts, viewers only look.</summary>
public enum ViewerRole
{
    Viewer,
    Reviewer,
}

/// <summary>A named user of the web viewer.</summary>
public sealed record ViewerUser(long Id, string Name, ViewerRole Role, DateTimeOffset CreatedUtc, bool Disabled);

/// <summary>Role names as the schema and the auth cookie write them.</summary>
public static class ViewerRoles
{
    public const string Reviewer = "reviewer";
    public const string Viewer = "viewer";

    public static string Of(ViewerRole role) => role == ViewerRole.Reviewer ? Reviewer : Viewer;

    public static bool TryParse(string? text, out ViewerRole role)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case Reviewer:
                role = ViewerRole.Reviewer;
                return true;
            case Viewer:
                role = ViewerRole.Viewer;
                return true;
            default:
                role = ViewerRole.Viewer;
                return false;
        }
    }
}
