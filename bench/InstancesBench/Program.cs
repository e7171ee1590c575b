// Usage: InstancesBench A_URL B_URL STAFF_NAME STAFF_PASSWORD [edits]
// Signs in on A by its form, then edits one provider's Japanese notes [edits] times; after each edit polls B's
// public page of that provider (every 2 ms) until the new text shows. Prints p50, p95 and the slowest.
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Portal.Tests.Support;

var (a, b, name, password) = (new Uri(args[0]), new Uri(args[1]), args[2], args[3]);
var edits = args.Length > 4 ? int.Parse(args[4]) : 100;
var toA = FormPosts.Plain(a);
var toB = FormPosts.Plain(b);

var signedIn = await FormPosts.SignInAsync(toA, name, password);
if (signedIn.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"sign-in on A: {signedIn.StatusCode}");
var cookie = FormPosts.Cookies(signedIn);
using var list = JsonDocument.Parse(await toB.GetStringAsync("/api/providers?q=OCN"));
var id = list.RootElement[0].GetProperty("id").GetInt64();

var times = new List<double>();
var posts = new List<double>();
for (var i = 0; i < edits; i++)
{
    var edit = await FormPosts.OpenAsync(toA, $"/staff/providers/{id}", cookie);
    var fields = FormPosts.EditFields(edit.Html);
    var marker = $"計測メモ{i:D4}";
    fields["Form.NotesJa"] = marker;
    await toB.GetStringAsync($"/providers/{id}");   // B has the old page cached
    var watch = Stopwatch.StartNew();
    var saved = await FormPosts.PostAsync(toA, $"/staff/providers/{id}", edit, "edit", fields);
    var committed = watch.Elapsed.TotalMilliseconds;
    if (saved.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"edit on A: {saved.StatusCode}");
    while (!(await toB.GetStringAsync($"/providers/{id}")).Contains(marker))
    {
        if (watch.Elapsed > TimeSpan.FromSeconds(10)) throw new TimeoutException("the edit did not reach B within 10 s");
        await Task.Delay(2);
    }
    times.Add(watch.Elapsed.TotalMilliseconds);
    posts.Add(committed);
    if (i == 0) Console.WriteLine($"first edit: POST answered after {committed:0.0} ms, on B after {times[0]:0.0} ms");
}
var after = times.Zip(posts, (t, p) => t - p).ToList();
string Figures(List<double> list)
{
    list.Sort();
    double P(double q) => list[(int)Math.Min(list.Count - 1, Math.Ceiling(q * list.Count) - 1)];
    return $"p50 {P(0.50):0.0} ms, p95 {P(0.95):0.0} ms, max {list[^1]:0.0} ms";
}
Console.WriteLine($"edit on A (POST sent) → shown on B's page, {edits} edits: {Figures(times)}");
Console.WriteLine($"  of which the POST on A (edit committed, signal sent): {Figures(posts)}");
Console.WriteLine($"  and from A's answer to B's page: {Figures(after)}");
