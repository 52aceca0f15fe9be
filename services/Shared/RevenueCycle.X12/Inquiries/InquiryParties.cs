using System.Globalization;
using RevenueCycle.X12.Model;
using RevenueCycle.X12.Syntax;
using static RevenueCycle.X12.Claims.X12Values;

namespace RevenueCycle.X12.Inquiries;

/// <summary>An organisation or person named by an NM1 in an inquiry: payer, information receiver, provider.</summary>
public sealed record X12Party(string EntityCode, string EntityType, string Name, string FirstName, string IdQualifier, string Id)
{
    public Segment Nm1() => new("NM1", EntityCode, EntityType, Name, FirstName, "", "", "", IdQualifier, Id);

    public static X12Party Read(X12Loop? loop) => loop?.Segment("NM1") is { } nm1
        ? new X12Party(nm1[1], nm1[2], nm1[3], nm1[4], nm1[8], nm1[9])
        : new X12Party("", "", "", "", "", "");
}

/// <summary>A subscriber or dependent: NM1 name and member id, DMG birth date and gender.</summary>
public sealed record X12Person(string Last, string First, string MemberId, DateOnly? BirthDate, string Gender)
{
    public Segment Nm1(string entityCode) => MemberId.Length > 0
        ? new Segment("NM1", entityCode, "1", Last, First, "", "", "", "MI", MemberId)
        : new Segment("NM1", entityCode, "1", Last, First);

    /// <summary>The DMG segment, or null when neither birth date nor gender is known.</summary>
    public Segment? Dmg() => BirthDate is { } birth ? new Segment("DMG", "D8", Date(birth), Gender) : null;

    /// <summary>Reads the person from an NM1 and the DMG found either in the name loop (270/271) or the HL level (276).</summary>
    public static X12Person Read(X12Loop? nameLoop, Segment? dmg = null)
    {
        var nm1 = nameLoop?.Segment("NM1");
        dmg ??= nameLoop?.Segment("DMG");
        return new X12Person(nm1?[3] ?? "", nm1?[4] ?? "", nm1?[9] ?? "", dmg is null ? null : ParseDate(dmg[2]), dmg?[3] ?? "");
    }
}

/// <summary>An AAA request validation: the payer could not answer (reason code, e.g. 72 invalid member id) and what to do next.</summary>
public sealed record RequestRejection(bool Valid, string ReasonCode, string FollowUpCode)
{
    public Segment Aaa() => new("AAA", Valid ? "Y" : "N", "", ReasonCode, FollowUpCode);

    public static IReadOnlyList<RequestRejection> Read(X12Loop? loop) =>
        loop?.All("AAA").Select(a => new RequestRejection(a[1] == "Y", a[3], a[4])).ToList() ?? [];
}

/// <summary>
/// The 270 and 271 share their subscriber and dependent levels (HL 22 and 23, loops 2000C/2100C and 2000D/2100D):
/// the question or answer sits on the subscriber's level, or on a dependent's when the person is a dependent.
/// </summary>
internal static class SubscriberLevels
{
    /// <summary>Writes one HL 22 (and HL 23 under it for a dependent) per item after the receiver's HL 2.</summary>
    public static void Write<T>(List<Segment> segments, IEnumerable<T> items, Func<T, X12Person> subscriberOf, Func<T, X12Person?> dependentOf,
        Action<List<Segment>, T, X12Person, string> writeLevel)
    {
        var hl = 2;
        foreach (var item in items)
        {
            var subscriberHl = ++hl;
            var subscriber = subscriberOf(item);
            var dependent = dependentOf(item);
            segments.Add(new Segment("HL", Number(subscriberHl), "2", "22", dependent is null ? "0" : "1"));
            if (dependent is null)
            {
                writeLevel(segments, item, subscriber, "IL");
                continue;
            }

            segments.Add(subscriber.Nm1("IL"));
            segments.AddRange(subscriber.Dmg() is { } dmg ? [dmg] : []);
            segments.Add(new Segment("HL", Number(++hl), Number(subscriberHl), "23", "0"));
            writeLevel(segments, item, dependent, "03");
        }
    }

    /// <summary>Reads every subscriber level (or each of its dependents) of every receiver under the source's loop 2000A.</summary>
    public static List<T> Read<T>(X12Loop? source, Func<X12Loop, string, X12Person, X12Person?, T> readLevel)
    {
        var items = new List<T>();
        foreach (var subscriber in (source?.Children("2000B") ?? []).SelectMany(r => r.Children("2000C")))
        {
            var subscriberPerson = X12Person.Read(subscriber.Child("2100C"));
            var dependents = subscriber.Children("2000D").ToList();
            if (dependents.Count == 0)
            {
                items.Add(readLevel(subscriber, "C", subscriberPerson, null));
            }

            items.AddRange(dependents.Select(d => readLevel(d, "D", subscriberPerson, X12Person.Read(d.Child("2100D")))));
        }

        return items;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
