import CareCore
import CareTestSupport
import Foundation
import SQLKit
import Testing

@testable import CareCases
@testable import CareStore

/// Concerns and feedback on both engines: anyone in the co-op raises one and the registered manager is told;
/// only the raiser and those who handle concerns see it; it moves forward only (acknowledged, looked into,
/// an outcome that says what changes), each step once even when two hat holders act at the same moment, and
/// the raiser is told at each; the monthly trend counts them all, for everyone; nothing is rewritten.
@Suite("Use cases: concerns and feedback")
struct ConcernCasesTests {
  @Test(arguments: Engine.allCases)
  func aConcernMovesForwardToItsOutcomeAndTheRaiserIsToldAtEachStep(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let (family, worker, admin) = (
        try await w.cases.requester(for: demo.family), try await w.cases.requester(for: demo.teamWorker),
        try await w.cases.requester(for: demo.admin)
      )
      let concern = try await w.cases.raiseConcern(
        NewConcern(kind: "concern", title: "Late visits on Tuesdays", text: "Three Tuesdays running, an hour late."),
        by: family)
      #expect(concern.state == .raised && concern.steps.isEmpty && concern.raisedBy == demo.family.id)
      // The registered manager (the demo's administrator) is told.
      #expect(
        try await w.store.messages(for: demo.admin.id).contains {
          $0.subject == "A concern or complaint raised: “Late visits on Tuesdays”"
        })
      // Only the raiser and those who handle concerns see it.
      #expect(try await w.cases.concerns(by: family).concerns.map(\.id) == [concern.id])
      #expect(try await w.cases.concerns(by: worker).concerns.isEmpty)
      await #expect(throws: CareError.notFound) { try await w.cases.concern(concern.id, by: worker) }
      #expect(try await w.cases.concerns(by: admin).concerns.map(\.id) == [concern.id])
      // The raiser cannot move it on; a worker neither.
      await #expect(throws: CareError.forbidden) {
        try await w.cases.moveConcern(concern.id, NewConcernStep(state: "acknowledged", note: nil), by: family)
      }
      // An outcome needs its note; exploring waits for an acknowledgement.
      await #expect(throws: CareError.invalid("note", "Enter what was found, and what changes")) {
        try await w.cases.moveConcern(concern.id, NewConcernStep(state: "outcome", note: " "), by: admin)
      }
      await #expect(
        throws: CareError.conflict(FieldError("state", "Acknowledge it before looking into it"))
      ) {
        try await w.cases.moveConcern(concern.id, NewConcernStep(state: "exploring", note: nil), by: admin)
      }
      // Two hat holders acknowledge it at the same moment: one step is kept.
      w.clock.advance(3600)
      async let a = try? w.cases.moveConcern(
        concern.id, NewConcernStep(state: "acknowledged", note: "Thank you."), by: admin)
      async let b = try? w.cases.moveConcern(
        concern.id, NewConcernStep(state: "acknowledged", note: "Seen."), by: admin)
      let kept = [await a, await b].compactMap { $0 }
      #expect(kept.count == 1)
      w.clock.advance(3600)
      try await w.cases.moveConcern(
        concern.id, NewConcernStep(state: "exploring", note: "Talking to the rota keeper."), by: admin)
      w.clock.advance(3 * 24 * 3600)
      let done = try await w.cases.moveConcern(
        concern.id,
        NewConcernStep(state: "outcome", note: "The Tuesday route was too long: a second worker now covers it."),
        by: admin)
      #expect(done.steps.map(\.state) == [.acknowledged, .exploring, .outcome] && done.next.isEmpty)
      await #expect(throws: CareError.conflict(FieldError("state", "It has its outcome already"))) {
        try await w.cases.moveConcern(concern.id, NewConcernStep(state: "outcome", note: "Again"), by: admin)
      }
      // The raiser heard at each step, with what was said.
      let told = try await w.store.messages(for: demo.family.id).filter { $0.subject.hasPrefix("Your concern") }
      #expect(told.count == 3)
      #expect(told.contains { $0.body == "The Tuesday route was too long: a second worker now covers it." })
      // A suggestion and a compliment; the trend counts all of them, for everyone.
      try await w.cases.raiseConcern(
        NewConcern(kind: "suggestion", title: "A newsletter", text: "Monthly."), by: worker)
      try await w.cases.raiseConcern(
        NewConcern(kind: "compliment", title: "Sam was kind", text: "Thank you."), by: family)
      let trend = try await w.cases.concerns(by: worker).trend
      let may = try #require(trend.months.last)
      #expect(trend.months.count == 12 && may.first == Day(iso: "2026-05-01"))
      #expect(may.raised == [.concern: 1, .suggestion: 1, .compliment: 1] && may.raisedCount == 3)
      #expect(may.outcomes == 1 && may.meanDaysToOutcome == 3 && may.acknowledgedInTime == 1)
      // Bad input, refused whole.
      do {
        try await w.cases.raiseConcern(
          NewConcern(kind: "rant", title: "", text: String(repeating: "a", count: 4_001)), by: family)
        Issue.record("a bad concern was kept")
      } catch CareError.invalid(let errors) {
        #expect(Set(errors.map(\.field)) == ["kind", "title", "text"])
      }
      // Kept for good.
      let sql = w.store.writer as! any SQLDatabase
      await #expect(throws: (any Error).self) { try await sql.raw("UPDATE concerns SET title = 'x'").run() }
      await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM concern_steps").run() }
    }
  }

  /// A concern not acknowledged within two days, or without an outcome after 28, is overdue.
  @Test func overdueAfterThePromise() {
    let raised = CoopCalendar.london.instant(on: Day(iso: "2026-05-28")!, atMinute: 600)
    let concern = Concern(
      id: ID(UUID()), coopID: ID(UUID()), raisedBy: ID(UUID()), kind: .concern, title: "t", text: "x",
      raisedAt: raised, steps: [])
    #expect(concern.overdue(today: Day(iso: "2026-05-30")!) == nil)
    #expect(concern.overdue(today: Day(iso: "2026-05-31")!) == .acknowledged)
    let acknowledged = Concern(
      id: concern.id, coopID: concern.coopID, raisedBy: concern.raisedBy, kind: .concern, title: "t", text: "x",
      raisedAt: raised, steps: [ConcernStep(state: .acknowledged, note: "", by: concern.raisedBy, at: raised)])
    #expect(acknowledged.overdue(today: Day(iso: "2026-06-25")!) == nil)
    #expect(acknowledged.overdue(today: Day(iso: "2026-06-26")!) == .outcome)
    #expect(acknowledged.next == [.exploring, .outcome] && concern.next == [.acknowledged, .outcome])
  }

  /// A concern about a person's support: the raiser names someone whose team they are in (anyone else:
  /// refused); the hats that handle concerns are told whose support it is; it becomes part of that person's
  /// records — raising it, each read and each step are lines in their who-looked log, and moving it on is not
  /// also counted as a read. It stays private to the raiser and those who handle concerns.
  @Test(arguments: Engine.allCases)
  func aConcernAboutAPersonIsPartOfTheirRecords(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let (family, worker, admin) = (
        try await w.cases.requester(for: demo.family), try await w.cases.requester(for: demo.teamWorker),
        try await w.cases.requester(for: demo.admin)
      )
      let stranger = try #require(
        try await w.store.people(coop: demo.coop.id).map(\.0.id).first { $0 != demo.person.id })
      #expect(try await w.cases.concerns(by: family).teams.map(\.person) == [demo.person.id])
      func raise(about person: ID<Person>) async throws -> Concern {
        try await w.cases.raiseConcern(
          NewConcern(
            kind: "concern", title: "Rushed mornings", text: "The morning visit feels rushed.",
            about: person.description), by: family)
      }
      do {
        _ = try await raise(about: stranger)
        Issue.record("a concern was raised about someone whose team the raiser is not in")
      } catch CareError.invalid(let errors) {
        #expect(errors == [FieldError("about", "Choose a person whose team you are in, or nobody in particular")])
      }
      let concern = try await raise(about: demo.person.id)
      #expect(concern.personID == demo.person.id)
      let told = try await w.store.messages(for: demo.admin.id).first { $0.subject.hasSuffix("“Rushed mornings”") }
      #expect(told?.body.hasPrefix("It is about \(demo.personAccount.name)'s support.") == true)
      // Private as every concern is: a worker in the team does not see it.
      await #expect(throws: CareError.notFound) { try await w.cases.concern(concern.id, by: worker) }
      #expect(try await w.cases.concern(concern.id, by: admin).about == demo.personAccount.name)
      try await w.cases.moveConcern(
        concern.id, NewConcernStep(state: "acknowledged", note: "We will look at the rota."), by: admin)
      let lines = try await w.store.auditEvents(coop: demo.coop.id, person: demo.person.id).filter {
        $0.action.capability == "concern"
      }
      #expect(
        lines.reversed().map { "\($0.action.rawValue) \($0.actorID == demo.admin.id ? "admin" : "family")" } == [
          "concern.raise family", "concern.view admin", "concern.step admin",
        ])
      // Nothing about a concern raised about nobody in particular goes in anyone's log.
      _ = try await w.cases.raiseConcern(
        NewConcern(kind: "suggestion", title: "A newsletter", text: "Monthly."), by: family)
      #expect(
        try await w.store.auditEvents(coop: demo.coop.id, person: demo.person.id).count(where: {
          $0.action.capability == "concern"
        }) == 3)
      let sql = w.store.writer as! any SQLDatabase
      await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM concern_people").run() }
    }
  }
}
