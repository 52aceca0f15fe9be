using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.Contracts.Eligibility.V1;
using RevenueCycle.Contracts.Mapping;
using Model = RevenueCycle.Eligibility.Domain.Model;
using Proto = RevenueCycle.Contracts.Common.V1;

namespace RevenueCycle.Eligibility.Mapping;

/// <summary>Eligibility questions and answers between the contract and the domain.</summary>
public static class EligibilityMappings
{
    /// <summary>A check of a payer and member given directly (no registered coverage).</summary>
    public static Model.EligibilityQuestion ToQuestion(this CheckEligibilityRequest request, Validator v)
    {
        var subscriber = request.Subscriber ?? new Proto.Subscriber();
        return new Model.EligibilityQuestion(
            request.PayerId, subscriber.MemberId, subscriber.Name?.Last ?? "", subscriber.Name?.First ?? "",
            subscriber.DateOfBirth.ToDateOnly(v, "subscriber.date_of_birth"), Gender(subscriber.Sex), request.Dependent.ToDomain(v),
            request.DateOfService.ToDateOnly(v, "date_of_service"), [.. request.ServiceTypeCodes], request.PatientId);
    }

    /// <summary>A batch row: a registered coverage or a payer and member, with the errors reading it found (the row is not asked then).</summary>
    public static Model.EligibilityBatchRow ToDomain(this EligibilityBatchRow row)
    {
        var v = new Validator();
        var check = row.Check ?? new CheckEligibilityRequest();
        v.RequireText(row.Reference, "reference", 64);
        if (check.CoverageId.Length > 0)
        {
            v.Require(check.PayerId.Length == 0 && check.Subscriber is null, "payer_id", "must be empty with coverage_id: the registered coverage names the payer and subscriber");
            var date = check.DateOfService.ToDateOnly(v, "date_of_service");
            var dependent = check.Dependent.ToDomain(v);
            return new Model.EligibilityBatchRow(row.Reference, null, check.CoverageId, date, [.. check.ServiceTypeCodes], dependent, v.Violations.ToList());
        }

        var question = check.ToQuestion(v);
        return new Model.EligibilityBatchRow(row.Reference, question, "", question.DateOfService, question.ServiceTypes, question.Dependent, v.Violations.ToList());
    }

    public static CheckEligibilityBatchResult ToProto(this Model.EligibilityBatchResult result)
    {
        var proto = new CheckEligibilityBatchResult { Index = result.Index, Reference = result.Reference, Answer = result.Check?.ToProto() };
        proto.Errors.AddRange(result.Errors.Select(e => new RowError { Field = e.Field, Description = e.Description }));
        return proto;
    }

    public static Model.DependentPerson? ToDomain(this Dependent? d, Validator v) => d is null ? null
        : new Model.DependentPerson(d.Name?.Last ?? "", d.Name?.First ?? "", d.DateOfBirth.ToDateOnly(v, "dependent.date_of_birth"), Gender(d.Sex));

    public static CheckEligibilityResponse ToProto(this Model.EligibilityCheck check, IReadOnlyList<string>? priorAuthorizationRequired = null)
    {
        var response = check.Result.ToProto();
        response.FromCache = check.FromCache;
        response.Stale = check.Stale;
        response.Problem = check.Problem;
        if (check.Snapshot is { } s)
        {
            response.SnapshotId = s.SnapshotId;
            response.CoverageId = s.CoverageId;
            response.PayerId = s.PayerId;
            response.TraceNumber = s.TraceNumber;
            response.CheckedAt = s.ReceivedAt.ToProto();
            response.ExpiresAt = s.ExpiresAt.ToProto();
            response.Benefits = Summary(s.Result, s.ServiceTypes.FirstOrDefault() ?? "30");
        }

        if (check.Stale)
        {
            response.Reason = check.Snapshot is null ? check.Problem : $"{response.Reason} (last answer, stale: {check.Problem})".TrimStart();
        }

        response.PriorAuthorizationRequired.AddRange(priorAuthorizationRequired ?? []);
        return response;
    }

    /// <summary>What a 271 answer says, with no snapshot around it (the offline <c>rcm eligibility read</c>).</summary>
    public static CheckEligibilityResponse ToProto(this Model.EligibilityResult r)
    {
        var response = new CheckEligibilityResponse
        {
            Status = r.Outcome switch
            {
                Model.EligibilityOutcome.Active => CoverageStatus.Active,
                Model.EligibilityOutcome.Inactive => CoverageStatus.Inactive,
                _ => CoverageStatus.Unknown,
            },
            Reason = Reason(r),
            Outcome = (EligibilityOutcome)r.Outcome,
            PlanName = r.PlanName,
            GroupNumber = r.GroupNumber,
            CoverageLevel = r.CoverageLevel,
            CoverageFrom = r.CoverageFrom.ToProto(),
            CoverageTo = r.CoverageTo.ToProto(),
            Benefits = Summary(r, r.ActiveServiceTypes.FirstOrDefault() ?? "30"),
        };
        response.Rejections.AddRange(r.Rejections.Select(x => new EligibilityRejection
        {
            Level = x.Level, ReasonCode = x.ReasonCode, Reason = x.Reason, FollowUpCode = x.FollowUpCode, FollowUp = x.FollowUp,
        }));
        response.ActiveServiceTypes.AddRange(r.ActiveServiceTypes);
        response.InactiveServiceTypes.AddRange(r.InactiveServiceTypes);
        response.Amounts.AddRange(r.Amounts.Select(ToProto));
        response.AuthorizationRequiredServiceTypes.AddRange(r.AuthorizationRequired);
        response.OtherCoverage.AddRange(r.OtherCoverage.Select(o =>
        {
            var other = new OtherCoverage
            {
                PayerName = o.PayerName, PayerId = o.PayerId, InsuranceType = o.InsuranceType, Priority = o.Priority, From = o.From.ToProto(), To = o.To.ToProto(),
            };
            other.Messages.AddRange(o.Messages);
            return other;
        }));
        response.Messages.AddRange(r.Messages);
        return response;
    }

    public static EligibilitySnapshot ToProto(this Model.EligibilitySnapshot s)
    {
        var snapshot = new EligibilitySnapshot
        {
            Answer = new Model.EligibilityCheck(s, FromCache: true, Stale: false, "").ToProto(),
            DateOfService = s.DateOfService.ToProto(),
            Raw271 = s.Raw271,
        };
        snapshot.ServiceTypeCodes.AddRange(s.ServiceTypes);
        return snapshot;
    }

    /// <summary>
    /// The amounts a front desk quotes, for one service type, in network, individual level: copay, coinsurance, the
    /// deductible and out-of-pocket maximum with what has been met (total minus remaining). Zero where the payer gave none.
    /// </summary>
    public static Proto.Benefits Summary(Model.EligibilityResult r, string serviceType)
    {
        long Cents(Model.BenefitKind kind, Model.AmountPeriod period) =>
            r.Find(kind, serviceType, Model.Network.InNetwork, period)?.Cents ?? 0;
        var deductible = Cents(Model.BenefitKind.Deductible, Model.AmountPeriod.Total);
        var outOfPocket = Cents(Model.BenefitKind.OutOfPocket, Model.AmountPeriod.Total);
        var deductibleLeft = r.Find(Model.BenefitKind.Deductible, serviceType, Model.Network.InNetwork, Model.AmountPeriod.Remaining)?.Cents;
        var outOfPocketLeft = r.Find(Model.BenefitKind.OutOfPocket, serviceType, Model.Network.InNetwork, Model.AmountPeriod.Remaining)?.Cents;
        return new Proto.Benefits
        {
            CopayCents = Cents(Model.BenefitKind.Copay, Model.AmountPeriod.PerVisit),
            CoinsuranceBasisPoints = r.Find(Model.BenefitKind.Coinsurance, serviceType, Model.Network.InNetwork, Model.AmountPeriod.Total)?.BasisPoints ?? 0,
            DeductibleCents = deductible,
            DeductibleMetCents = deductibleLeft is { } dl ? Math.Max(0, deductible - dl) : 0,
            OutOfPocketMaxCents = outOfPocket,
            OutOfPocketMetCents = outOfPocketLeft is { } ol ? Math.Max(0, outOfPocket - ol) : 0,
        };
    }

    private static BenefitAmount ToProto(Model.BenefitAmount a)
    {
        var amount = new BenefitAmount
        {
            Kind = (BenefitKind)a.Kind, Network = (Network)a.Network, CoverageLevel = a.CoverageLevel, Period = (AmountPeriod)a.Period,
            TimePeriodCode = a.TimePeriodCode, Note = a.Note,
        };
        amount.ServiceTypes.AddRange(a.ServiceTypes);
        if (a.Cents is { } cents)
        {
            amount.Cents = cents;
        }

        if (a.BasisPoints is { } bp)
        {
            amount.BasisPoints = bp;
        }

        return amount;
    }

    private static string Reason(Model.EligibilityResult r) => r.Outcome switch
    {
        Model.EligibilityOutcome.Active => "",
        Model.EligibilityOutcome.Inactive => r.CoverageTo is { } end ? $"the payer reports no active coverage (ended {end:yyyy-MM-dd})" : "the payer reports no active coverage",
        _ => string.Join("; ", r.Rejections.Select(x => x.ReasonCode.Length > 0 ? $"AAA {x.ReasonCode} {x.Reason}" : x.Reason)),
    };

    private static string Gender(Proto.Sex sex) => sex switch
    {
        Proto.Sex.Female => "F",
        Proto.Sex.Male => "M",
        _ => "",
    };
}
