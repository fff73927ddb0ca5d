using BoltzDrift.Cli;

return CliApp.CreateRootCommand().Parse(args).Invoke();
