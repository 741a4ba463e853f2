import CareCases
import CareCore
import CareLedger
import Foundation
import Vapor

extension DTO {
  /// The person's hours under each agreement, and what the reader may do.
  struct HoursOut: Content {
    let person: String
    let today: String
    let agreements: [AgreementHoursOut]
    let mayChange: Bool
    let mayManage: Bool
    /// Confirmed visits no agreement could pay for.
    let unpaid: [UnpaidOut]

    init(_ m: HoursModel) {
      (person, today) = (m.team.person.id.description, m.today.iso)
      unpaid = m.unpaid.map { UnpaidOut(visitKey: $0.key, day: $0.day.iso, minutes: $0.minutes) }
      agreements = m.agreements.map { AgreementHoursOut($0, money: m.mayViewMoney) }
      (mayChange, mayManage) = (m.mayChange, m.mayManage)
    }
  }

  struct AgreementHoursOut: Content {
    let agreement: FundingOut
    let periodStart: String?
    let periodEnd: String?
    let available: Int
    let banked: Int
    let used: Int
    let expired: Int
    let givenThisPeriod: Int
    let usedThisPeriod: Int
    let expiring: [ExpiringOut]
    let entries: [HoursEntryOut]
    /// Left at the period's end if the published visits still to be confirmed happen (negative: short).
    let forecast: Int?

    init(_ h: AgreementHours, money: Bool) {
      forecast = h.forecast
      agreement = FundingOut(h.agreement, money: money)
      (periodStart, periodEnd) = (h.period?.lowerBound.iso, h.period?.upperBound.iso)
      (available, banked, used, expired) = (h.available, h.banked, h.used, h.expired)
      (givenThisPeriod, usedThisPeriod) = (h.givenThisPeriod, h.usedThisPeriod)
      expiring = h.expiring.map { ExpiringOut(day: $0.day.iso, minutes: $0.minutes) }
      entries = h.records.map(HoursEntryOut.init)
    }
  }

  struct UnpaidOut: Content {
    let visitKey: String
    let day: String
    let minutes: Int
  }

  struct ExpiringOut: Content {
    let day: String
    let minutes: Int
  }

  struct FundingOut: Content {
    let id: String
    let funder: String
    let funderName: String
    let minutesPerPeriod: Int
    let period: String
    let starts: String
    let ends: String?
    /// Only for those who may see money (the person, their arranger, the finance hat).
    let ratePence: Int?
    let bankLimitMinutes: Int?
    let bankWeeks: Int
    let compressMinMinutes: Int?
    let compressMaxMinutes: Int?
    let noticeDays: Int

    init(_ a: FundingAgreement, money: Bool) {
      let t = a.terms
      (id, funder, funderName, minutesPerPeriod, period) = (
        a.id.description, t.funder.rawValue, t.funderName, t.minutesPerPeriod, t.period.rawValue
      )
      (starts, ends, ratePence) = (t.starts.iso, t.ends?.iso, money ? t.ratePence : nil)
      (bankLimitMinutes, bankWeeks, compressMinMinutes, compressMaxMinutes, noticeDays) = (
        t.bankLimitMinutes, t.bankWeeks, t.compressMinMinutes, t.compressMaxMinutes, t.noticeDays
      )
    }
  }

  struct HoursEntryOut: Content {
    let id: String
    let seq: Int
    let at: Date
    let kind: String
    let minutes: Int
    let postings: [PostingOut]
    let reason: String
    let actorID: String?
    let reverses: String?
    let periodStart: String?
    /// The visit a use (or its undoing) is for.
    let visitKey: String?

    init(_ r: HoursRecord) {
      (id, seq, at, kind, minutes) = (r.entry.id.uuidString, r.seq, r.entry.at, r.entry.kind.rawValue, r.entry.minutes)
      postings = r.entry.postings.map { PostingOut(bucket: $0.bucket.rawValue, minutes: $0.minutes) }
      (reason, actorID, reverses) = (r.reason, r.actorID?.description, r.entry.reverses?.uuidString)
      (periodStart, visitKey) = (r.periodStart?.iso, r.visitKey)
    }
  }

  struct PostingOut: Content {
    let bucket: String
    let minutes: Int
  }

  struct FundingIn: Content {
    let funder: FunderKind
    let funderName: String
    let minutesPerPeriod: Int
    let period: FundingPeriod
    let starts: Day
    let ends: Day?
    let ratePence: Int
    let bankLimitMinutes: Int?
    let bankWeeks: Int
    let compressMinMinutes: Int?
    let compressMaxMinutes: Int?
    let noticeDays: Int

    var terms: FundingTerms {
      FundingTerms(
        funder: funder, funderName: funderName, minutesPerPeriod: minutesPerPeriod, period: period, starts: starts,
        ends: ends, ratePence: ratePence, bankLimitMinutes: bankLimitMinutes, bankWeeks: bankWeeks,
        compressMinMinutes: compressMinMinutes, compressMaxMinutes: compressMaxMinutes, noticeDays: noticeDays)
    }
  }

  struct HoursReversalIn: Content {
    let reason: String
  }

  struct HoursChangeIn: Content {
    let agreementID: UUID
    let minutes: Int
  }
}
