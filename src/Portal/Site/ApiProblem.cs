using Microsoft.AspNetCore.Http.HttpResults;

namespace Portal.Site;

/// <summary>The one shape of an API error: problem+json with a type URI per code and the code repeated as a member.</summary>
public static class ApiProblem
{
    public const string TypeBase = "https://portal.invalid/problems/";

    public static ProblemHttpResult Of(int status, string code, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, type: TypeBase + code,
            extensions: new Dictionary<string, object?> { ["code"] = code });
}
