using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Portal.Providers;
using Portal.Staff;
using Portal.Tests.Support;

namespace Portal.Tests.Staff;

public sealed class ImportWebTests
{
    private const string Password = "a long enough password";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(PortalFactory Factory, StaffClient Staff)> SignedInAsync()
    {
        var factory = new PortalFactory();
        await factory.Services.GetRequiredService<StaffStore>().AddAsync("sato", "editor", Password, Ct);
        var staff = StaffClient.For(factory);
        await staff.LogInAsync("sato", Password);
        return (factory, staff);
    }

    private static async Task<HttpResponseMessage> PreviewAsync(StaffClient staff, byte[] csv)
    {
        var token = await staff.FormTokenAsync("/staff/import");
        using var upload = new MultipartFormDataContent
        {
            { new StringContent("preview"), "_handler" },
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(csv), "Upload.File", "providers.csv" },
        };
        return await staff.Http.PostAsync("/staff/import", upload, Ct);
    }

    private static string UploadId(string html) => Regex.Match(html, "name=\"Apply.UploadId\" value=\"([^\"]+)\"").Groups[1].Value;

    [Fact]
    public async Task A_Staff_Member_Previews_Then_Imports_With_Only_An_Id_In_The_Form()
    {
        var (factory, staff) = await SignedInAsync();
        await using var _ = factory;
        var csv = string.Join(",", ProviderCsv.Header) + "\n\"\",\"取込ネット\",\"Import Net\",\"\",\"\",\"applies\",\"\",\"587\",\"\",\"\",\"\",\"\"\n";

        var preview = await (await PreviewAsync(staff, Encoding.UTF8.GetBytes(csv))).Content.ReadAsStringAsync(Ct);
        Assert.Contains("追加 / Added (1)", preview);
        Assert.Empty(await factory.Services.GetRequiredService<ProviderStore>().ListAsync("取込ネット", cancellationToken: Ct));   // nothing yet
        var id = UploadId(preview);
        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.DoesNotContain("Apply.Csv", preview);

        var apply = await staff.PostFormAsync("/staff/import", "apply", new() { ["Apply.UploadId"] = id });

        Assert.Equal(HttpStatusCode.OK, apply.StatusCode);
        Assert.Contains("1件を取り込みました", await apply.Content.ReadAsStringAsync(Ct));
        Assert.Single(await factory.Services.GetRequiredService<ProviderStore>().ListAsync("取込ネット", cancellationToken: Ct));
        // The same upload cannot be applied twice.
        Assert.Equal(HttpStatusCode.Gone, (await staff.PostFormAsync("/staff/import", "apply", new() { ["Apply.UploadId"] = id })).StatusCode);
    }

    [Fact]
    public async Task A_Colleagues_Edit_After_The_Preview_Makes_Apply_Refuse_Everything_And_Name_It()
    {
        var (factory, staff) = await SignedInAsync();
        await using var _ = factory;
        var store = factory.Services.GetRequiredService<ProviderStore>();
        var editing = factory.Services.GetRequiredService<ProviderEditing>();
        var ocn = (await store.ListAsync("OCN", cancellationToken: Ct)).Single();
        var csv = ProviderCsv.Write([ocn with { Kana = "おーしーえぬ" }]);
        var id = UploadId(await (await PreviewAsync(staff, csv)).Content.ReadAsStringAsync(Ct));

        var now = (await editing.GetAsync(ocn.Id, Ct))!;
        await editing.UpdateAsync(ocn.Id, now.Version, ocn with { Notes = "同僚の編集" }, "colleague", Ct);
        var apply = await staff.PostFormAsync("/staff/import", "apply", new() { ["Apply.UploadId"] = id });
        var html = await apply.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.Conflict, apply.StatusCode);
        Assert.Contains($"data-provider-id=\"{ocn.Id}\"", html);
        Assert.Contains("確認のあとで次のプロバイダーが変更された", html);
        var after = (await store.GetAsync(ocn.Id, Ct))!;
        Assert.Equal("同僚の編集", after.Notes);
        Assert.Equal(ocn.Kana, after.Kana);
    }

    [Fact]
    public async Task Another_Staff_Member_Cannot_Apply_Someone_Elses_Upload()
    {
        var (factory, staff) = await SignedInAsync();
        await using var _ = factory;
        await factory.Services.GetRequiredService<StaffStore>().AddAsync("yamada", "editor", Password, Ct);
        var other = StaffClient.For(factory);
        await other.LogInAsync("yamada", Password);
        var csv = "id,name_ja,op25b\n,他人の取込,applies\n";
        var id = UploadId(await (await PreviewAsync(staff, Encoding.UTF8.GetBytes(csv))).Content.ReadAsStringAsync(Ct));

        var apply = await other.PostFormAsync("/staff/import", "apply", new() { ["Apply.UploadId"] = id });

        Assert.Equal(HttpStatusCode.Gone, apply.StatusCode);
        Assert.Empty(await factory.Services.GetRequiredService<ProviderStore>().ListAsync("他人の取込", cancellationToken: Ct));
    }

    [Fact]
    public async Task A_File_Of_Nearly_Five_Megabytes_Previews_And_Applies()
    {
        var (factory, staff) = await SignedInAsync();
        await using var _ = factory;
        var csv = new StringBuilder("name_ja,op25b,notes\n");
        var rows = 0;
        while (csv.Length < ImportUploads.MaxFileBytes / 3 - 5000)   // Japanese is 3 bytes a character in UTF-8
            csv.Append($"大きな取込{rows++},unknown,{new string('備', 1300)}\n");
        var bytes = Encoding.UTF8.GetBytes(csv.ToString());
        Assert.InRange(bytes.Length, 4_500_000, ImportUploads.MaxFileBytes);

        var preview = await PreviewAsync(staff, bytes);
        var html = await preview.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains($"追加 / Added ({rows})", html);
        var apply = await staff.PostFormAsync("/staff/import", "apply", new() { ["Apply.UploadId"] = UploadId(html) });

        Assert.Equal(HttpStatusCode.OK, apply.StatusCode);
        Assert.Equal(rows, (await factory.Services.GetRequiredService<ProviderStore>().ListAsync("大きな取込", cancellationToken: Ct)).Count);
    }

    [Fact]
    public async Task A_Larger_Upload_Is_Refused_With_413_Before_Its_Body_Is_Read()
    {
        var (factory, staff) = await SignedInAsync();
        await using var _ = factory;
        var body = new EndlessContent(length: 6 * 1024 * 1024);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/staff/import") { Content = body };
        request.Content.Headers.ContentType = new("multipart/form-data") { Parameters = { new("boundary", "x") } };

        using var response = await staff.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("ファイルが大きすぎます", await response.Content.ReadAsStringAsync(Ct));
        Assert.True(body.Sent < 1024 * 1024, $"{body.Sent} bytes of the body were read");
    }

    [Fact]
    public async Task The_Import_Page_Refuses_Anonymous_Visitors()
    {
        await using var factory = new PortalFactory();
        var response = await StaffClient.For(factory).Http.GetAsync("/staff/import", Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>A body that declares its length and then trickles, counting what the server took.</summary>
    private sealed class EndlessContent(long length) : HttpContent
    {
        public long Sent;

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            var chunk = new byte[16 * 1024];
            while (Sent < length)
            {
                await stream.WriteAsync(chunk);
                Interlocked.Add(ref Sent, chunk.Length);
                await Task.Delay(5);
            }
        }

        protected override bool TryComputeLength(out long l)
        {
            l = length;
            return true;
        }
    }
}
