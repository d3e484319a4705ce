using CastInspect.Cli;

return await CastInspectCommand.Create().Parse(args).InvokeAsync().ConfigureAwait(false);
