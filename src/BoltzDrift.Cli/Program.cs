using BoltzDrift.Cli;

return CliApp.Invoke(args);
