import CareCore
import CareTestSupport
import Foundation
import SQLKit
import Testing

@testable import CareCases
@testable import CareStore

/// Decisions that act, on both engines: a proposal that passes changes the co-op's settings from the day it
/// states — the pay run's table, a first pattern's flexibility, a new circle's guide — and not a day before;
/// a proposal that fails changes nothing; every setting keeps its history with the decision that made it; a
/// count run twice writes once; bad changes are refused whole.
@Suite("Use cases: decisions that change settings")
struct SettingsCasesTests {
  static func changing(_ changes: [String: String], from day: String?, kind: ProposalKind = .majority)
    -> NewProposal
  {
    NewProposal(
      title: "Better pay for nights", text: "Nights are hard.", kind: kind.rawValue, share: nil, quorum: 2,
      closesOn: "2026-05-28"
    ).changing(changes, from: day)
  }

  @Test(arguments: Engine.allCases)
  func aPassedDecisionChangesSettingsFromItsDayWithHistory(engine: Engine) async throws {
    try await withCases(engine) { w in
      let x = try await RecordCasesTests.world(w)
      let demo = x.demo.demo
      let finance = try await InvoiceCasesTests.finance(w, demo)
      let family = try await w.cases.requester(for: demo.family)
      let admin = try await w.cases.requester(for: demo.admin)
      // Today is 28 May 2026; the poll closes at its end; the change takes effect on 1 June.
      let proposal = try await w.cases.addProposal(
        Self.changing(
          ["unsocialPercent": "50", "eveningFrom": "19:00", "flexibility": "30", "circleWorkers": "9"],
          from: "2026-06-01"),
        by: x.worker)
      #expect(proposal.changes.map(\.setting) == [.unsocialPercent, .eveningFrom, .flexibility, .circleWorkers])
      #expect(proposal.takesEffect == Day(iso: "2026-06-01"))
      let shown = try await w.cases.proposal(proposal.id, by: family)
      #expect(shown.proposal.changes == proposal.changes && shown.valueNow(.unsocialPercent) == 20)
      try await w.cases.vote(proposal.id, choice: "for", reason: "Fair", by: x.worker)
      try await w.cases.vote(proposal.id, choice: "for", reason: nil, by: family)
      // Until it is counted nothing changes (the demo co-op decided before on flexibility: 15 minutes).
      let before = try await w.store.settings(coop: demo.coop.id)
      #expect(before.entries.map(\.setting) == [.flexibility] && before.value(.flexibility, on: w.cases.today) == 15)
      w.clock.advance(24 * 3600 + 120)  // 29 May, just after the close
      #expect(try await w.cases.countDuePolls() == 1)
      #expect(try await w.cases.countDuePolls() == 0)
      let settings = try await w.store.settings(coop: demo.coop.id)
      let may31 = Day(iso: "2026-05-31")!
      let june1 = Day(iso: "2026-06-01")!
      #expect(settings.payTable(on: may31) == .standard)
      #expect(
        settings.payTable(on: june1)
          == PayTable(
            unsocialPercent: 50, eveningFrom: 19 * 60, morningUntil: 7 * 60, weekends: true, travelPercent: 100))
      #expect(settings.value(.flexibility, on: may31) == 15 && settings.value(.flexibility, on: june1) == 30)
      #expect(settings.history(.unsocialPercent).map(\.proposalID) == [proposal.id])
      // The settings page says so, and what is still to come.
      var page = try await w.cases.settings(by: family)
      #expect(page.rows.first { $0.setting == .unsocialPercent }?.value == 20)
      #expect(page.upcoming.count == 4 && page.upcoming.allSatisfy { $0.from == june1 })
      #expect(page.title(proposal.id) == "Better pay for nights")
      // Every member was told what changes, and from when.
      let told = try await w.store.messages(for: demo.family.id).first { $0.subject.contains("Better pay") }
      #expect(told?.body.contains("From 1 June 2026: extra pay for unsocial hours, 50%") == true)
      // Before 1 June: the old values at work.
      #expect(try await w.cases.circles(by: admin).guide == SizeGuide.standard)
      #expect(try await w.cases.pattern(demo.person.id, by: x.person).flexibilityDefault == 15)
      #expect(try await w.cases.pay(by: finance).upcoming.count == 2)
      // From 1 June: pay runs whose first day is 1 June or later use the new table; earlier ones the old.
      w.clock.advance(4 * 24 * 3600)  // 2 June
      #expect(
        try await w.cases.previewPay(from: june1, through: w.cases.today, by: finance).table.unsocialPercent == 50)
      #expect(try await w.cases.previewPay(from: may31, through: w.cases.today, by: finance).table == .standard)
      #expect(try await w.cases.pay(by: finance).table.eveningFrom == 19 * 60)
      #expect(try await w.cases.pattern(demo.person.id, by: x.person).flexibilityDefault == 30)
      #expect(try await w.cases.circles(by: admin).guide == SizeGuide(maxWorkers: 9, maxTeams: 8))
      let circle = try await w.cases.createCircle(NewCircle(name: "North", area: "Hill End"), by: admin)
      #expect(circle.sizeGuide == SizeGuide(maxWorkers: 9, maxTeams: 8))
      page = try await w.cases.settings(by: family)
      #expect(page.rows.first { $0.setting == .unsocialPercent }?.current?.proposalID == proposal.id)
      #expect(page.upcoming.isEmpty)
      // A recount agrees and writes nothing more; the settings are kept for good.
      #expect(try await w.cases.recount(proposal.id, by: family).agrees)
      let sql = w.store.writer as! any SQLDatabase
      let rows = try await sql.raw("SELECT COUNT(*) AS n FROM coop_settings").first(decoding: Count.self)
      #expect(rows?.n == 5)
      await #expect(throws: (any Error).self) { try await sql.raw("UPDATE coop_settings SET value = 1").run() }
      await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM proposal_changes").run() }
    }
  }

  struct Count: Decodable { let n: Int }

  /// A decision that does not pass changes nothing; of two that pass, each holds from its own day.
  @Test(arguments: Engine.allCases)
  func onlyAPassedDecisionActsAndALaterOneTakesOverFromItsDay(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let (worker, family) = (
        try await w.cases.requester(for: demo.teamWorker), try await w.cases.requester(for: demo.family)
      )
      let fails = try await w.cases.addProposal(
        Self.changing(["travelPercent": "0"], from: "2026-06-01"), by: worker)
      let first = try await w.cases.addProposal(
        Self.changing(["travelPercent": "80"], from: "2026-06-01", kind: .consent), by: worker)
      let second = try await w.cases.addProposal(
        Self.changing(["travelPercent": "120"], from: "2026-07-01", kind: .consent), by: worker)
      for id in [first.id, second.id] {
        try await w.cases.vote(id, choice: "consent", reason: nil, by: worker)
        try await w.cases.vote(id, choice: "concern", reason: "Check the budget", by: family)
      }
      try await w.cases.vote(fails.id, choice: "against", reason: "Travel is work", by: family)
      try await w.cases.vote(fails.id, choice: "against", reason: nil, by: worker)
      w.clock.advance(25 * 3600)
      #expect(try await w.cases.countDuePolls() == 3)
      #expect(try await w.cases.proposal(fails.id, by: family).proposal.result?.outcome == .failed)
      let settings = try await w.store.settings(coop: demo.coop.id)
      #expect(settings.history(.travelPercent).map(\.proposalID) == [first.id, second.id])
      #expect(settings.value(.travelPercent, on: Day(iso: "2026-05-31")!) == 100)
      #expect(settings.value(.travelPercent, on: Day(iso: "2026-06-30")!) == 80)
      #expect(settings.value(.travelPercent, on: Day(iso: "2026-07-01")!) == 120)
    }
  }

  /// Bad changes are refused with every problem at once, and nothing is kept.
  @Test(arguments: Engine.allCases)
  func badChangesAreRefusedWhole(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let worker = try await w.cases.requester(for: demo.teamWorker)
      let before = try await w.cases.proposals(by: worker).proposals.count
      do {
        try await w.cases.addProposal(
          Self.changing(["unsocialPercent": "-5", "eveningFrom": "25:00", "weekends": "maybe"], from: "2026-05-28"),
          by: worker)
        Issue.record("a negative rate was kept")
      } catch CareError.invalid(let errors) {
        #expect(
          Set(errors.map(\.field)) == [
            "change-unsocialPercent", "change-eveningFrom", "change-weekends", "takesEffect",
          ])
        #expect(
          errors.contains(
            FieldError("change-unsocialPercent", "Extra pay for unsocial hours: a percent of hourly pay, 0 to 200")))
      }
      #expect(try await w.cases.proposals(by: worker).proposals.count == before)
    }
  }

  /// The co-op decides that privileged hats act only after the second step: from the decision's day the
  /// finance hat's holder cannot run pay in a session without it, and can with it; other hats are untouched.
  @Test(arguments: Engine.allCases)
  func privilegedHatsNeedTheSecondStepOnceTheCoopDecides(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let (worker, family) = (
        try await w.cases.requester(for: demo.teamWorker), try await w.cases.requester(for: demo.family)
      )
      let finance = try await InvoiceCasesTests.finance(w, demo)
      try w.cases.checkMayRunPay(by: finance)
      let proposal = try await w.cases.addProposal(
        Self.changing(["privilegedSecondStep": "yes"], from: "2026-06-01", kind: .consent), by: worker)
      try await w.cases.vote(proposal.id, choice: "consent", reason: nil, by: worker)
      try await w.cases.vote(proposal.id, choice: "consent", reason: nil, by: family)
      w.clock.advance(25 * 3600)
      #expect(try await w.cases.countDuePolls() == 1)
      // 29 May: not yet.
      try w.cases.checkMayRunPay(by: try await w.cases.requester(for: finance.account))
      w.clock.advance(4 * 24 * 3600)
      let plain = try await w.cases.requester(for: finance.account)
      #expect(plain.needsSecondStep && !plain.wears(.finance))
      #expect(throws: CareError.forbidden) { try w.cases.checkMayRunPay(by: plain) }
      let proven = try await w.cases.requester(for: finance.account, secondStep: true)
      #expect(!proven.needsSecondStep)
      try w.cases.checkMayRunPay(by: proven)
      // A hat that is not privileged is used as before.
      let rotaKeeper = try await w.cases.requester(for: demo.rotaKeeper)
      #expect(rotaKeeper.wears(.rotaKeeper, in: rotaKeeper.hats.first?.circleID) && !rotaKeeper.needsSecondStep)
    }
  }
}
