import CareCore
import CareTestSupport
import Foundation
import SQLKit
import Testing

@testable import CareCases
@testable import CareStore

/// Support plans on both engines: anyone in the team proposes, the person (or their arranger) agrees, agrees
/// in their own words, or says no; the person's own words count at once; every version and answer is kept;
/// a change written against words that have since changed is refused, never written over; outsiders learn
/// nothing; the rows cannot change; every look is in the person's who-looked log.
@Suite("Use cases: support plans")
struct PlanCasesTests {
  @Test(arguments: Engine.allCases)
  func aPlanIsWrittenWithThePersonAndEveryVersionKept(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let person = demo.person.id
      let me = try await w.cases.requester(for: demo.personAccount)
      let family = try await w.cases.requester(for: demo.family)
      let arranger = try await w.cases.requester(for: demo.arranger)
      let worker = try await w.cases.requester(for: demo.teamWorker)
      // The plan opens with strengths and goals, every section empty at first.
      var plan = try await w.cases.supportPlan(person, by: me)
      #expect(plan.plan.sections.prefix(2).map(\.section) == [.strengths, .goals])
      #expect(plan.plan.sections.allSatisfy { $0.version == 0 && $0.text.isEmpty } && plan.mayAnswer)
      // The worker and the family propose; both wait for the person's say.
      let fromWorker = try await w.cases.proposePlanChange(
        person, section: "strengths", basedOn: 0, text: "Great at making people laugh.\nCooks a fine curry.",
        note: "From Tuesday's chat", by: worker)
      let fromFamily = try await w.cases.proposePlanChange(
        person, section: "strengths", basedOn: 0, text: "Knows every bus route in Calderdale.", note: "", by: family)
      #expect(fromWorker.status == .waiting && fromFamily.status == .waiting)
      plan = try await w.cases.supportPlan(person, by: worker)
      #expect(plan.plan.section(.strengths).waiting.count == 2 && plan.plan.section(.strengths).text.isEmpty)
      #expect(plan.mayPropose && !plan.mayAnswer)
      // Only the person or their arranger answers.
      await #expect(throws: CareError.forbidden) {
        try await w.cases.answerPlanChange(person, change: fromWorker.id, answer: "accept", text: nil, by: worker)
      }
      let agreed = try await w.cases.answerPlanChange(
        person, change: fromWorker.id, answer: "accept", text: nil, by: me)
      #expect(agreed.status == .accepted && agreed.version == 1)
      // The family's change was written against the empty section: it cannot be agreed now, only declined.
      await #expect(
        throws: CareError.conflict(
          FieldError(
            "answer",
            "This section was changed after this was proposed: say no to it, and propose the change again if it "
              + "is still wanted"))
      ) { try await w.cases.answerPlanChange(person, change: fromFamily.id, answer: "accept", text: nil, by: me) }
      #expect(
        try await w.cases.answerPlanChange(person, change: fromFamily.id, answer: "decline", text: nil, by: me)
          .status == .declined)
      await #expect(throws: CareError.conflict(FieldError("answer", "This change has been answered already"))) {
        try await w.cases.answerPlanChange(person, change: fromFamily.id, answer: "accept", text: nil, by: me)
      }
      // A stale edit: the family opened the section before version 1, and is refused, nothing written.
      await #expect(throws: Store.stale) {
        try await w.cases.proposePlanChange(
          person, section: "strengths", basedOn: 0, text: "Knows every bus route.", note: "", by: family)
      }
      // The family proposes again from version 1; the arranger agrees in the person's own words.
      let again = try await w.cases.proposePlanChange(
        person, section: "strengths", basedOn: 1, text: "Great at making people laugh. Knows every bus route.",
        note: "", by: family)
      let ownWords = try await w.cases.answerPlanChange(
        person, change: again.id, answer: "change", text: "I make people laugh. I know every bus in Calderdale.",
        by: arranger)
      #expect(ownWords.status == .changed && ownWords.version == 2 && ownWords.answeredBy == demo.arranger.id)
      // The person's own words count at once.
      let mine = try await w.cases.proposePlanChange(
        person, section: "goals", basedOn: 0, text: "Go to the football at the Shay every home game.", note: "",
        by: me)
      #expect(mine.status == .accepted && mine.version == 1)
      plan = try await w.cases.supportPlan(person, by: family)
      #expect(plan.plan.section(.strengths).text == "I make people laugh. I know every bus in Calderdale.")
      #expect(plan.plan.section(.strengths).version == 2 && plan.plan.section(.goals).version == 1)
      #expect(plan.plan.history.count == 4 && plan.plan.history.first?.id == mine.id)
      #expect(plan.name(again.proposedBy) == demo.family.name)
      // Bad input: every problem at once, nothing kept.
      do {
        try await w.cases.proposePlanChange(
          person, section: "wishes", basedOn: -1, text: String(repeating: "a", count: PlanSection.maxLength + 1),
          note: nil, by: worker)
        Issue.record("a bad proposal was kept")
      } catch CareError.invalid(let problems) {
        #expect(problems.map(\.field) == ["section", "basedOn", "text"])
      }
      await #expect(throws: CareError.invalid("answer", "Choose yes, yes with your own words, or no")) {
        try await w.cases.answerPlanChange(person, change: again.id, answer: "maybe", text: nil, by: me)
      }
      // Outsiders learn nothing; the rota keeper sees the team but not the plan.
      let outsider = try await w.cases.requester(for: demo.otherCircleWorker)
      await #expect(throws: CareError.notFound) { try await w.cases.supportPlan(person, by: outsider) }
      await #expect(throws: CareError.notFound) {
        try await w.cases.proposePlanChange(person, section: "goals", basedOn: 1, text: "x", note: "", by: outsider)
      }
      let keeper = try await w.cases.requester(for: demo.rotaKeeper)
      await #expect(throws: CareError.forbidden) { try await w.cases.supportPlan(person, by: keeper) }
      #expect(try await w.cases.supportPlan(person, by: me).plan.history.count == 4)
      // Each look is in the who-looked log; the arranger's answer names the person; nothing can change.
      let log = try await w.store.auditEvents(coop: demo.coop.id, person: person, limit: 1000)
      #expect(log.filter { $0.action == .viewPlan }.count == 4)
      #expect(log.first { $0.action == .agreePlanChange && $0.actorID == demo.arranger.id }?.onBehalfOf == person)
      let sql = w.store.db as! any SQLDatabase
      await #expect(throws: (any Error).self) { try await sql.raw("UPDATE plan_changes SET text = 'x'").run() }
      await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM plan_answers").run() }
    }
  }

  /// Eight agreements at once to eight changes of one section, all written from the same version: one
  /// becomes the next version; the rest are refused (the section moved on, or the same moment), none lost.
  @Test(arguments: Engine.allCases)
  func racingAgreementsMakeOneVersion(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let person = demo.person.id
      let me = try await w.cases.requester(for: demo.personAccount)
      let worker = try await w.cases.requester(for: demo.teamWorker)
      var changes: [ID<PlanChange>] = []
      for n in 1...8 {
        changes.append(
          try await w.cases.proposePlanChange(
            person, section: "about-me", basedOn: 0, text: "Version \(n)", note: "", by: worker
          ).id)
      }
      let agreed = await withTaskGroup(of: Bool.self) { group in
        for id in changes {
          group.addTask {
            (try? await w.cases.answerPlanChange(person, change: id, answer: "accept", text: nil, by: me)) != nil
          }
        }
        return await group.reduce(into: [Bool]()) { $0.append($1) }
      }
      #expect(agreed.filter { $0 }.count == 1)
      let section = try await w.cases.supportPlan(person, by: me).plan.section(.aboutMe)
      #expect(section.version == 1 && section.waiting.count == 7)
    }
  }
}

/// Reviews of the plan on both engines: the team sets the next date, records one held with what was agreed
/// and the next date; the person and everyone in the team are reminded once as a review comes near (and when
/// it is overdue), never twice for one date.
@Suite("Use cases: plan reviews")
struct PlanReviewCasesTests {
  @Test(arguments: Engine.allCases)
  func theTeamIsRemindedOnceAsAReviewComesNear(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let person = demo.person.id
      let worker = try await w.cases.requester(for: demo.teamWorker)
      let me = try await w.cases.requester(for: demo.personAccount)
      let outsider = try await w.cases.requester(for: demo.otherCircleWorker)
      let keeper = try await w.cases.requester(for: demo.rotaKeeper)
      // Today is 28 May 2026. A date before today, or none, is refused; outsiders learn nothing.
      await #expect(throws: CareError.invalid("due", "The next review cannot be before today")) {
        try await w.cases.setPlanReview(person, due: "2026-05-01", by: worker)
      }
      await #expect(throws: CareError.notFound) {
        try await w.cases.setPlanReview(person, due: "2026-06-05", by: outsider)
      }
      await #expect(throws: CareError.forbidden) {
        try await w.cases.setPlanReview(person, due: "2026-06-05", by: keeper)
      }
      try await w.cases.setPlanReview(person, due: "2026-06-20", by: worker)
      // Over two weeks away: nobody is reminded yet.
      #expect(try await w.cases.sendReviewReminders() == 0)
      try await w.cases.setPlanReview(person, due: "2026-06-05", by: worker)
      #expect(try await w.cases.supportPlan(person, by: me).reviews.due == Day(iso: "2026-06-05"))
      #expect(try await w.cases.sendReviewReminders() == 1)
      #expect(try await w.cases.sendReviewReminders() == 0)
      let mine = try await w.store.messages(for: demo.personAccount.id)
      #expect(mine.filter { $0.subject == "Your support plan's review is on 5 June 2026" }.count == 1)
      let theirs = try await w.store.messages(for: demo.teamWorker.id)
      #expect(
        theirs.contains {
          $0.subject.hasSuffix("support plan review is on 5 June 2026") && $0.link == "/teams/\(person)/plan"
        })
      // A review held: what was agreed, and the next one's date; its problems all at once.
      do {
        try await w.cases.recordPlanReview(person, held: "2026-06-30", notes: " ", nextDue: "2026-05-01", by: worker)
        Issue.record("a review after today, without notes, was kept")
      } catch CareError.invalid(let errors) {
        #expect(Set(errors.map(\.field)) == ["held", "notes", "nextDue"])
      }
      try await w.cases.recordPlanReview(
        person, held: "2026-05-28", notes: "Alan wants to try the new day centre.\nNext: a visit together.",
        nextDue: "2026-11-28", by: me)
      let reviews = try await w.cases.supportPlan(person, by: worker).reviews
      #expect(reviews.due == Day(iso: "2026-11-28") && reviews.held.count == 1)
      #expect(try await w.cases.sendReviewReminders() == 0)
      // Near the next one, reminded again, once; and when it has passed unheld, still (once for that date).
      w.clock.advance(175 * 86_400)
      #expect(try await w.cases.sendReviewReminders() == 1)
      w.clock.advance(10 * 86_400)
      #expect(try await w.cases.sendReviewReminders() == 0)
      let log = try await w.store.auditEvents(coop: demo.coop.id, person: person, limit: 500)
      #expect(log.filter { $0.action == .setPlanReview }.count == 2 && log.contains { $0.action == .holdPlanReview })
      let sql = w.store.db as! any SQLDatabase
      await #expect(throws: (any Error).self) { try await sql.raw("UPDATE plan_reviews SET notes = 'x'").run() }
    }
  }
}
