using System.Reflection;
using System.Reflection.Emit;

namespace Portal.Tests.Site;

/// <summary>
/// The types a compiled type uses: its base type, interfaces, attributes, fields, properties, method signatures, locals,
/// and every type, field or method token in its IL (including generic arguments). Nested types (closures, async state
/// machines, the builder code Razor makes) are read too.
/// </summary>
public static class CompiledReferences
{
    private const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> Codes = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(c => c.Value);

    public static IReadOnlySet<Type> Of(Type type)
    {
        var found = new HashSet<Type>();
        Collect(type, found);
        return found;
    }

    private static void Collect(Type type, HashSet<Type> found)
    {
        Add(type.BaseType, found);
        foreach (var i in type.GetInterfaces()) Add(i, found);
        foreach (var a in type.CustomAttributes) Add(a.AttributeType, found);
        foreach (var f in type.GetFields(All)) Add(f.FieldType, found);
        foreach (var p in type.GetProperties(All)) Add(p.PropertyType, found);
        foreach (var method in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
        {
            if (method is MethodInfo mi) Add(mi.ReturnType, found);
            foreach (var p in method.GetParameters()) Add(p.ParameterType, found);
            var body = method.GetMethodBody();
            if (body is null) continue;
            foreach (var local in body.LocalVariables) Add(local.LocalType, found);
            Il(method, body.GetILAsByteArray() ?? [], found);
        }
        foreach (var nested in type.GetNestedTypes(All)) Collect(nested, found);
    }

    private static void Il(MethodBase method, byte[] il, HashSet<Type> found)
    {
        var module = method.Module;
        var typeArgs = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var i = 0; i < il.Length;)
        {
            short value = il[i++];
            if (value == 0xFE) value = (short)(0xFE00 | il[i++]);
            if (!Codes.TryGetValue(value, out var code)) break;   // unknown byte: stop reading this body rather than guess
            switch (code.OperandType)
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineType or OperandType.InlineTok:
                    var token = BitConverter.ToInt32(il, i);
                    i += 4;
                    try
                    {
                        switch (module.ResolveMember(token, typeArgs, methodArgs))
                        {
                            case Type t: Add(t, found); break;
                            case FieldInfo f: Add(f.DeclaringType, found); Add(f.FieldType, found); break;
                            case MethodBase m:
                                Add(m.DeclaringType, found);
                                if (m.IsGenericMethod) foreach (var g in m.GetGenericArguments()) Add(g, found);
                                if (m is MethodInfo r) Add(r.ReturnType, found);
                                break;
                        }
                    }
                    catch (Exception e) when (e is ArgumentException or BadImageFormatException or TypeLoadException or FileNotFoundException) { }
                    break;
                case OperandType.InlineNone: break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar: i += 1; break;
                case OperandType.InlineVar: i += 2; break;
                case OperandType.InlineI8 or OperandType.InlineR: i += 8; break;
                case OperandType.InlineSwitch: i += 4 + 4 * BitConverter.ToInt32(il, i); break;
                default: i += 4; break;
            }
        }
    }

    private static void Add(Type? type, HashSet<Type> found)
    {
        if (type is null) return;
        while (type.HasElementType) type = type.GetElementType()!;
        if (type.IsGenericParameter || !found.Add(type)) return;
        if (type.IsGenericType) foreach (var g in type.GetGenericArguments()) Add(g, found);
    }
}
