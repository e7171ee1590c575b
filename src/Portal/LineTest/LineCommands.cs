namespace Portal.LineTest;

public sealed record LineCommands(string Windows, string Mac, string Linux);
