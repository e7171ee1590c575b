namespace Portal.Site;

/// <summary>
/// Marks a page with interactive components: only such pages load blazor.web.js.
/// Every other page is plain HTML and starts no circuit.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class InteractivePageAttribute : Attribute;
