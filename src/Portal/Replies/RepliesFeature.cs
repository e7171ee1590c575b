namespace Portal.Replies;

public static class RepliesFeature
{
    public static IServiceCollection AddReplies(this IServiceCollection services) => services.AddSingleton<ReplyBuilder>();
}
