import CareCore
import CareTestSupport
import Foundation
import SQLKit
import Testing

@testable import CareCases
@testable import CareStore

/// The team's final say on both engines: the person sets how changes to their plan and visits are decided;
/// the changes wait for whom the say names; by consent, an objection stops a change when the time runs out
/// (the closing job) and silence lets it through; everything is kept and nothing is rewritten.
@Suite("Use cases: the team's say")
struct TeamSayCasesTests {
  struct People {
    let person, arranger, family, worker: Requester
  }

  static func people(_ w: CasesWorld, _ demo: DemoCoop) async throws -> People {
    People(
      person: try await w.cases.requester(for: demo.personAccount),
      arranger: try await w.cases.requester(for: demo.arranger),
      family: try await w.cases.requester(for: demo.family), worker: try await w.cases.requester(for: demo.teamWorker))
  }

  /// The worker proposes new words for "about me"; returns the change and its decision.
  static func propose(_ w: CasesWorld, _ demo: DemoCoop, _ p: People, text: String = "I like trains.") async throws
    -> (PlanChange, TeamDecision)
  {
    let current = try await aboutMe(w, demo, p).version
    let change = try await w.cases.proposePlanChange(
      demo.person.id, section: "about-me", basedOn: current, text: text, note: "", by: p.worker)
    let decision = try #require(
      try await w.cases.teamSay(demo.person.id, by: p.person).decisions.first { $0.subjectID == change.id.rawValue })
    return (change, decision)
  }

  static func aboutMe(_ w: CasesWorld, _ demo: DemoCoop, _ p: People) async throws -> PlanSectionState {
    try await w.cases.supportPlan(demo.person.id, by: p.person).plan.section(.aboutMe)
  }

  @Test(arguments: Engine.allCases)
  func thePersonAndTheirArrangerTogether(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let p = try await Self.people(w, demo)
      // Until the person sets anything, either's yes is enough.
      #expect(try await w.cases.teamSay(demo.person.id, by: p.person).setting == .standard)
      // Only the person or their arranger sets it; a word not in the list is refused.
      await #expect(throws: CareError.forbidden) {
        try await w.cases.setTeamSay("team-consent", person: demo.person.id, by: p.family)
      }
      await #expect(throws: CareError.invalid("say", "Choose how your team decides")) {
        try await w.cases.setTeamSay("everyone", person: demo.person.id, by: p.person)
      }
      try await w.cases.setTeamSay("person-and-arranger", person: demo.person.id, by: p.person)
      #expect(
        try await w.store.messages(for: demo.arranger.id).contains {
          $0.subject == "How \(demo.personAccount.name)’s team decides has changed"
        })
      let (change, decision) = try await Self.propose(w, demo, p)
      #expect(decision.say == .personAndArranger)
      // The person's yes alone leaves the plan as it was.
      try await w.cases.answerPlanChange(demo.person.id, change: change.id, answer: "accept", text: nil, by: p.person)
      var section = try await Self.aboutMe(w, demo, p)
      #expect(section.version == 0 && section.waiting.map(\.id) == [change.id])
      let waiting = try await w.cases.teamSay(demo.person.id, by: p.person)
      #expect(waiting.state(waiting.decisions[0]) == .waiting(for: ["their arranger"], objections: 0))
      // The arranger's yes makes it the plan's; the proposer is told.
      try await w.cases.answerPlanChange(
        demo.person.id, change: change.id, answer: "accept", text: nil, by: p.arranger)
      section = try await Self.aboutMe(w, demo, p)
      #expect(section.version == 1 && section.text == "I like trains." && section.waiting.isEmpty)
      #expect(
        try await w.store.messages(for: demo.teamWorker.id).contains {
          $0.subject.hasSuffix(": agreed") && $0.body == "The person said yes."
        })
      // Another change: the arranger's no stops it, whatever the person says after.
      let (second, _) = try await Self.propose(w, demo, p, text: "I like buses.")
      try await w.cases.answerPlanChange(
        demo.person.id, change: second.id, answer: "decline", text: nil, by: p.arranger)
      await #expect(throws: CareError.self) {
        try await w.cases.answerPlanChange(demo.person.id, change: second.id, answer: "accept", text: nil, by: p.person)
      }
      section = try await Self.aboutMe(w, demo, p)
      #expect(section.version == 1 && section.text == "I like trains.")
    }
  }

  @Test(arguments: Engine.allCases)
  func thePersonAlone(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let p = try await Self.people(w, demo)
      try await w.cases.setTeamSay("person", person: demo.person.id, by: p.person)
      // The arranger can no longer answer for the person, nor change the say back.
      let (change, _) = try await Self.propose(w, demo, p)
      await #expect(throws: CareError.self) {
        try await w.cases.answerPlanChange(
          demo.person.id, change: change.id, answer: "accept", text: nil, by: p.arranger)
      }
      await #expect(throws: CareError.self) {
        try await w.cases.setTeamSay("person-or-arranger", person: demo.person.id, by: p.arranger)
      }
      #expect(try await w.cases.teamSay(demo.person.id, by: p.arranger).mayChange == false)
      #expect(try await Self.aboutMe(w, demo, p).version == 0)
      try await w.cases.answerPlanChange(demo.person.id, change: change.id, answer: "accept", text: nil, by: p.person)
      #expect(try await Self.aboutMe(w, demo, p).version == 1)
      // The person can change it back; the history keeps both, newest first.
      try await w.cases.setTeamSay("person-or-arranger", person: demo.person.id, by: p.person)
      #expect(
        try await w.cases.teamSay(demo.person.id, by: p.arranger).history.map(\.say) == [.personOrArranger, .person])
    }
  }

  @Test(arguments: Engine.allCases)
  func byConsentAnObjectionStopsAChangeWhenTheTimeRunsOut(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let p = try await Self.people(w, demo)
      try await w.cases.setTeamSay("team-consent", person: demo.person.id, by: p.person)
      let (change, decision) = try await Self.propose(w, demo, p)
      // The team is asked (the proposer's proposal is their consent).
      #expect(
        try await w.store.messages(for: demo.family.id).contains {
          $0.subject.hasPrefix("\(demo.personAccount.name)’s team decides by consent")
        })
      #expect(decision.answers.map(\.choice) == [.consent])
      try await w.cases.answerPlanChange(demo.person.id, change: change.id, answer: "accept", text: nil, by: p.person)
      // An objection needs a reason; a yes is not the family member's to give.
      await #expect(throws: CareError.self) {
        try await w.cases.answerTeamDecision(
          decision.id, choice: "objection", reason: " ", person: demo.person.id, by: p.family)
      }
      await #expect(throws: CareError.self) {
        try await w.cases.answerTeamDecision(
          decision.id, choice: "yes", reason: nil, person: demo.person.id, by: p.family)
      }
      let objected = try await w.cases.answerTeamDecision(
        decision.id, choice: "objection", reason: "Ask Mum first", person: demo.person.id, by: p.family)
      #expect(objected.outcome == nil)
      // Before the time runs out, the closing job leaves it alone.
      w.clock.advance(3600)
      #expect(try await w.cases.settleTeamDecisions() == 0)
      #expect(try await Self.aboutMe(w, demo, p).waiting.map(\.id) == [change.id])
      // Three days on, the objection stands: not agreed, the plan unchanged, the proposer told; counted once.
      w.clock.advance(Double(TeamDecision.consentDays) * 86_400)
      #expect(try await w.cases.settleTeamDecisions() == 1)
      #expect(try await w.cases.settleTeamDecisions() == 0)
      let section = try await Self.aboutMe(w, demo, p)
      #expect(section.version == 0 && section.waiting.isEmpty)
      let made = try #require(
        try await w.cases.teamDecision(decision.id, person: demo.person.id, by: p.person).decisions.first)
      #expect(made.outcome?.agreed == false && made.outcome?.why == "An objection stood when the time ran out")
      #expect(
        try await w.store.messages(for: demo.teamWorker.id).contains { $0.subject.hasSuffix(": not agreed") })
      // Once made, nobody answers it again.
      await #expect(throws: CareError.self) {
        try await w.cases.answerTeamDecision(
          decision.id, choice: "consent", reason: nil, person: demo.person.id, by: p.family)
      }
      // Nothing is rewritten.
      let sql = try #require(w.store.db as? any SQLDatabase)
      await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM team_answers").run() }
      await #expect(throws: (any Error).self) { try await sql.raw("UPDATE team_outcomes SET agreed = true").run() }
    }
  }

  @Test(arguments: Engine.allCases)
  func byConsentSilenceOrEveryonesConsentLetsAChangeThrough(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let p = try await Self.people(w, demo)
      try await w.cases.setTeamSay("team-consent", person: demo.person.id, by: p.arranger)
      // Everyone answering: it is agreed the moment the last consent comes in.
      let (first, decision) = try await Self.propose(w, demo, p)
      try await w.cases.answerTeamDecision(
        decision.id, choice: "yes", reason: nil, person: demo.person.id, by: p.person)
      let team = try await w.cases.teamSay(demo.person.id, by: p.person).team
      for entry in team.active where !entry.membership.isArranger && entry.account.id != demo.teamWorker.id {
        let member = try await w.cases.requester(for: entry.account)
        try await w.cases.answerTeamDecision(
          decision.id, choice: "concern", reason: "Keep it short", person: demo.person.id, by: member)
      }
      var section = try await Self.aboutMe(w, demo, p)
      #expect(section.version == 1 && section.waiting.isEmpty && section.text == "I like trains.")
      _ = first
      // Silence: the person's yes, nobody objects; the closing job agrees it when the time runs out.
      let current = try await Self.aboutMe(w, demo, p).version
      let third = try await w.cases.proposePlanChange(
        demo.person.id, section: "about-me", basedOn: current, text: "I like boats.", note: "", by: p.worker)
      try await w.cases.answerPlanChange(demo.person.id, change: third.id, answer: "accept", text: nil, by: p.person)
      #expect(try await Self.aboutMe(w, demo, p).version == 1)
      w.clock.advance(Double(TeamDecision.consentDays) * 86_400 + 60)
      #expect(try await w.cases.settleTeamDecisions() == 1)
      section = try await Self.aboutMe(w, demo, p)
      #expect(section.version == 2 && section.text == "I like boats.")
    }
  }

  /// Yes in the person's own words, when the say asks someone else too: this change is declined and the words
  /// become a new change carrying the person's yes.
  @Test(arguments: Engine.allCases)
  func ownWordsBecomeANewChangeWhenOthersMustAgree(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let p = try await Self.people(w, demo)
      try await w.cases.setTeamSay("person-and-arranger", person: demo.person.id, by: p.person)
      let (change, _) = try await Self.propose(w, demo, p)
      try await w.cases.answerPlanChange(
        demo.person.id, change: change.id, answer: "change", text: "I love trains.", by: p.person)
      let section = try await Self.aboutMe(w, demo, p)
      #expect(section.version == 0)
      let next = try #require(section.waiting.first)
      #expect(next.text == "I love trains." && next.proposedBy == demo.personAccount.id)
      try await w.cases.answerPlanChange(demo.person.id, change: next.id, answer: "accept", text: nil, by: p.arranger)
      #expect(try await Self.aboutMe(w, demo, p).text == "I love trains.")
    }
  }
}
