import CareCore
import Foundation
import Testing

/// The settings a decision may change: each typed value read in its unit and checked against its range; the
/// day a change takes effect after the poll; a value on a day is the latest decided by then.
@Suite("Settings and their changes")
struct SettingsTests {
  @Test(arguments: [
    (Setting.unsocialPercent, "25", 25), (.unsocialPercent, "25%", 25), (.eveningFrom, "19:30", 1_170),
    (.eveningFrom, "1200", 1_200), (.weekends, "no", 0), (.weekends, "Yes", 1), (.flexibility, " 45 ", 45),
    (.circleTeams, "6", 6), (.contributionPercent, "12%", 12),
  ])
  func valuesAreReadInTheirUnit(setting: Setting, typed: String, value: Int) {
    #expect(setting.parse(typed) == value)
  }

  /// (changes, takes effect, kind) → the fields refused.
  @Test(arguments: [
    (["unsocialPercent": "-1"], "2026-06-01", ProposalKind.majority, ["change-unsocialPercent"]),
    (["travelPercent": "201"], "2026-06-01", .majority, ["change-travelPercent"]),
    (["morningUntil": "13:00"], "2026-06-01", .majority, ["change-morningUntil"]),
    (["flexibility": "ten"], "2026-06-01", .majority, ["change-flexibility"]),
    (["nightRate": "5"], "2026-06-01", .majority, ["changes"]),
    (["flexibility": "30"], "2026-05-30", .majority, ["takesEffect"]),
    (["flexibility": "30"], "2027-07-01", .consent, ["takesEffect"]),
    (["flexibility": "30"], "", .consent, ["takesEffect"]),
    ([:], "2026-06-01", .majority, ["takesEffect"]),
    (["circleWorkers": "0"], "2026-06-01", .majority, ["change-circleWorkers"]),
    (["contributionPercent": "51"], "2026-06-01", .majority, ["change-contributionPercent"]),
  ])
  func badChangesAreRefused(changes: [String: String], from: String, kind: ProposalKind, fields: [String]) {
    let new = NewProposal(
      title: "A change", text: "Why.", kind: kind.rawValue, share: nil, quorum: 0, closesOn: "2026-05-30"
    ).changing(changes, from: from)
    #expect(throws: CareError.self) {
      try new.validated(today: Day(iso: "2026-05-28")!, members: 10)
    }
    do {
      _ = try new.validated(today: Day(iso: "2026-05-28")!, members: 10)
    } catch {
      guard case .invalid(let errors) = error else { return #expect(Bool(false)) }
      #expect(errors.map(\.field).sorted() == fields.sorted())
    }
  }

  @Test func aGoodChangeAndAnElectionThatMayNotCarryOne() throws {
    let valid = try NewProposal(
      title: "A change", text: "Why.", kind: "consent", share: nil, quorum: 0, closesOn: "2026-05-30"
    ).changing(["weekends": "no", "eveningFrom": "21:00", "travelPercent": ""], from: "2026-05-31")
      .validated(today: Day(iso: "2026-05-28")!, members: 10)
    #expect(valid.changes == [SettingChange(.eveningFrom, 21 * 60), SettingChange(.weekends, 0)])
    #expect(valid.takesEffect == Day(iso: "2026-05-31"))
    let election = NewProposal(
      title: "Elect", text: "Why.", kind: "election", share: nil, quorum: 0, closesOn: "2026-05-30", seats: 1,
      candidates: []
    ).changing(["flexibility": "10"], from: "2026-06-01")
    do {
      _ = try election.validated(today: Day(iso: "2026-05-28")!, members: 10)
      Issue.record("an election carried a change of settings")
    } catch {
      guard case .invalid(let errors) = error else { return #expect(Bool(false)) }
      #expect(
        errors.contains(
          FieldError("changes", "An election fills seats: put a change of settings in a proposal of its own")))
    }
  }

  /// The co-op's contribution from an invoice, to the nearest penny; a credit note's is its invoice's, negated,
  /// so an invoice and its credit note leave the co-op nothing.
  @Test(arguments: [(10_000, 15, 1_500), (12_345, 15, 1_852), (10, 15, 2), (9, 5, 0), (10_000, 0, 0), (333, 50, 167)])
  func theContributionIsASharePennyRounded(pence: Int, percent: Int, share: Int) {
    #expect(Contribution.pence(of: pence, percent: percent) == share)
    #expect(Contribution.pence(of: -pence, percent: percent) == -share)
    #expect(Setting.contributionPercent.standard == 15 && Setting.contributionPercent.text(15) == "15%")
  }

  @Test func theValueOnADayIsTheLatestDecidedByThen() {
    let (a, b) = (ID<Proposal>(UUID()), ID<Proposal>(UUID()))
    let t = Date(timeIntervalSince1970: 1_780_000_000)
    let settings = CoopSettings([
      SettingEntry(setting: .flexibility, value: 20, from: Day(iso: "2026-07-01")!, proposalID: b, recordedAt: t),
      SettingEntry(setting: .flexibility, value: 10, from: Day(iso: "2026-06-01")!, proposalID: a, recordedAt: t),
      SettingEntry(
        setting: .flexibility, value: 15, from: Day(iso: "2026-07-01")!, proposalID: a, recordedAt: t + 1),
    ])
    #expect(settings.value(.flexibility, on: Day(iso: "2026-05-31")!) == 0)
    #expect(settings.value(.flexibility, on: Day(iso: "2026-06-30")!) == 10)
    // Two for the same day: the one counted last.
    #expect(settings.value(.flexibility, on: Day(iso: "2026-07-01")!) == 15)
    #expect(settings.upcoming(after: Day(iso: "2026-06-15")!).map(\.value) == [20, 15])
    #expect(settings.value(.travelPercent, on: Day(iso: "2026-07-01")!) == 100)
  }
}
