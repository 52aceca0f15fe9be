using System.Text.Json;
using RevenueCycle.Cli.Commands;
using RevenueCycle.Testing;

namespace RevenueCycle.Cli.Tests.Commands;

/// <summary><c>rcm eligibility read</c> offline, and the schedule files <c>rcm eligibility batch</c> reads.</summary>
public sealed class EligibilityCommandsTests
{
    private static async Task<(int Exit, string Output)> Rcm(params string[] args)
    {
        var output = new StringWriter();
        var exit = await Cli.RunAsync(args, output, new StringWriter());
        return (exit, output.ToString());
    }

    private static string Write(string text, string name = "file.txt")
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory().FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    [RequiresSharedData]
    [Fact]
    public async Task Read_SharedDependent271_PrintsTheBenefitsAsATable()
    {
        var (exit, output) = await Rcm("eligibility", "read", SharedData.File("x12-samples", "271", "dependent-health-benefit-check.271"));

        Assert.Equal(0, exit);
        Assert.Contains("Dependent MARY SMITH of member 123456789  ACTIVE", output);
        Assert.Contains("GOLD 123 PLAN", output);
        Assert.Matches(@"Copay\s+│ 1 33 35 47 86 88 98 AL MH UC │ in\s+│\s+│ per visit │ \$10\.00", output);
        Assert.Matches(@"│ out\s+│\s+│ per visit │ \$30\.00", output);
    }

    [RequiresSharedData]
    [Fact]
    public async Task Read_Json_IsTheServicesAnswerShape()
    {
        var (exit, output) = await Rcm("eligibility", "read", SharedData.File("x12-samples", "271", "x279-error-response-not-eligible-for-inquiries.edi"), "--json");

        var answer = JsonDocument.Parse(output).RootElement.EnumerateArray().Single();
        Assert.Equal(0, exit);
        Assert.Equal("ELIGIBILITY_OUTCOME_REJECTED", answer.GetProperty("outcome").GetString());
        Assert.Equal("50", answer.GetProperty("rejections")[0].GetProperty("reasonCode").GetString());
    }

    [Fact]
    public async Task Read_4010File_IsRefusedAsUnsupported()
    {
        var path = Write("ISA*00*          *00*          *ZZ*PAYER          *ZZ*PROVIDER       *260301*0900*U*00401*000000001*0*T*:~" +
            "GS*HB*PAYER*PROVIDER*20260301*0900*1*X*004010X092A1~ST*271*0001~BHT*0022*11*T1*20260301*0900~SE*3*0001~GE*1*1~IEA*1*000000001~");

        var (exit, output) = await Rcm("eligibility", "read", path);

        Assert.Equal(1, exit);
        Assert.Contains("271 004010X092A1 is not supported", output);
    }

    [Fact]
    public void ReadSchedule_Rows_BecomeChecks()
    {
        var path = Write("reference,payer_id,member_id,last_name,first_name,date_of_birth,sex,date_of_service,service_types,dependent_last_name,dependent_first_name\n" +
            "a1,12345,M1D,DOE,JANE,1970-05-01,f,2026-12-07,98 47,,\n" +
            "a2,12345,M2D,DOE,JOHN,1968-01-01,m,2026-12-07,,DOE,JIMMY\n", "schedule.csv");

        var rows = EligibilityCommands.ReadSchedule(path);

        Assert.Equal(["a1", "a2"], rows.Select(r => r.Reference));
        Assert.Equal(["98", "47"], rows[0].Check.ServiceTypeCodes);
        Assert.Equal(("M1D", 1970, Contracts.Common.V1.Sex.Female), (rows[0].Check.Subscriber.MemberId, rows[0].Check.Subscriber.DateOfBirth.Year, rows[0].Check.Subscriber.Sex));
        Assert.Equal("JIMMY", rows[1].Check.Dependent.Name.First);
        Assert.Null(rows[0].Check.Dependent);
    }

    [Theory]
    [InlineData("reference,payer,member_id,date_of_service\na1,12345,M1,2026-12-07\n", "line 1", "unknown: payer")]
    [InlineData("reference,payer_id,member_id,date_of_service\na1,12345,M1,12/07/2026\n", "line 2", "date_of_service '12/07/2026' is not a date")]
    [InlineData("reference,payer_id,member_id,date_of_service\n", "", "no rows")]
    public void ReadSchedule_BadFile_SaysWhereAndWhy(string text, string where, string why)
    {
        var error = Assert.Throws<UsageException>(() => EligibilityCommands.ReadSchedule(Write(text, "schedule.csv")));

        Assert.Contains(where, error.Message);
        Assert.Contains(why, error.Message);
    }
}
