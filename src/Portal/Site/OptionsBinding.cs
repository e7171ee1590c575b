using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace Portal.Site;

/// <summary>
/// The one way the site reads options: bound from one section, where a configured list replaces its
/// default (the plain binder appends to a list that already holds defaults), validated at start.
/// </summary>
public static class OptionsBinding
{
    public static OptionsBuilder<T> BindSection<T>(this IServiceCollection services, string section) where T : class
    {
        return services.AddOptions<T>().Configure<IConfiguration>((options, configuration) =>
        {
            var config = configuration.GetSection(section);
            foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (!property.CanWrite || property.PropertyType == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(property.PropertyType)) continue;
                var list = config.GetSection(property.Name);
                // A configured empty value (LineTest__Listeners= or "Listeners": []) empties the list too.
                if (!list.GetChildren().Any() && list.Value != "") continue;
                // Empty the default before binding, so the configured items are the whole list.
                property.SetValue(options, property.PropertyType.IsArray
                    ? Array.CreateInstance(property.PropertyType.GetElementType()!, 0)
                    : Activator.CreateInstance(property.PropertyType));
            }
            config.Bind(options);
        });
    }

    /// <summary>Validation whose failure message names the configuration key to fix.</summary>
    public static OptionsBuilder<T> Check<T>(this OptionsBuilder<T> builder, Func<T, IEnumerable<string>> problems) where T : class
    {
        builder.Services.AddSingleton<IValidateOptions<T>>(new ProblemValidator<T>(problems));
        return builder;
    }

    /// <summary>As <see cref="Check{T}(OptionsBuilder{T}, Func{T, IEnumerable{string}})"/>, for checks that need a service (the environment).</summary>
    public static OptionsBuilder<T> Check<T>(this OptionsBuilder<T> builder, Func<IServiceProvider, T, IEnumerable<string>> problems) where T : class
    {
        builder.Services.AddSingleton<IValidateOptions<T>>(sp => new ProblemValidator<T>(o => problems(sp, o)));
        return builder;
    }

    /// <summary>Port problems for a list key, e.g. "Tester:AllowedPorts has 70000: ports are 1-65535".</summary>
    public static IEnumerable<string> Ports(string key, IEnumerable<int> ports) =>
        ports.Where(p => p is < 1 or > 65535).Select(p => $"{key} has {p}: ports are 1-65535");

    /// <summary>CIDR problems for a list key: every item must parse as address/prefix.</summary>
    public static IEnumerable<string> Networks(string key, IEnumerable<string> networks) =>
        networks.Where(n => !System.Net.IPNetwork.TryParse(n?.Trim(), out _)).Select(n => $"{key} has '{n}', which is not a CIDR range such as 10.0.0.0/8");

    private sealed class ProblemValidator<T>(Func<T, IEnumerable<string>> problems) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var list = problems(options).ToList();
            return list.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(list);
        }
    }
}
