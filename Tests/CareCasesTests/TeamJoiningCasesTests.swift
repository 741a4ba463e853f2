import CareCore
import CareTestSupport
import Foundation
import Testing

@testable import CareCases
@testable import CareStore

/// A new worker joining, as the team's say decides, on both engines: under the standard say the invitation
/// goes at once (as always); by consent, the arranger's invitation waits — the worker is neither invited nor
/// mailed and sees nothing — until the team agrees, or an objection stops it when the time runs out.
@Suite("Use cases: a new worker joining by the team's say")
struct TeamJoiningCasesTests {
  static func newWorker(_ n: Int) -> Invitation {
    Invitation(name: "Wendy Worker \(n)", email: "wendy\(n)@example.org", relationship: .worker, isArranger: false)
  }

  @Test(arguments: Engine.allCases)
  func byConsentAWorkerIsInvitedOnlyOnceTheTeamAgrees(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let person = try await w.cases.requester(for: demo.personAccount)
      let arranger = try await w.cases.requester(for: demo.arranger)
      let family = try await w.cases.requester(for: demo.family)
      // The standard say: invited at once.
      let (_, first) = try await w.cases.invite(Self.newWorker(1), to: demo.person.id, by: arranger)
      #expect(first.membership.status == .invited)
      try await w.cases.setTeamSay("team-consent", person: demo.person.id, by: person)
      // By consent: the arranger's invitation waits for the team; no mail goes.
      let (_, second) = try await w.cases.invite(Self.newWorker(2), to: demo.person.id, by: arranger)
      #expect(second.membership.status == .proposed)
      try await w.cases.runDueJobs(worker: "test")
      #expect(await !w.mail.sent.contains { $0.to == "wendy2@example.org" })
      // The worker sees nothing of the team and has no invitation to answer.
      let wendy = try await w.cases.requester(for: second.invitee)
      await #expect(throws: CareError.self) {
        try await w.cases.answerInvitation(to: demo.person.id, accept: true, by: wendy)
      }
      let decision = try #require(
        try await w.cases.teamSay(demo.person.id, by: person).decisions.first {
          $0.subjectID == second.membership.id.rawValue
        })
      #expect(decision.matter == .joining && decision.summary == "Wendy Worker 2 joining as worker")
      // The person says yes and everyone else consents: invited and mailed now; the worker answers.
      try await w.cases.answerTeamDecision(decision.id, choice: "yes", reason: nil, person: demo.person.id, by: person)
      let team = try await w.cases.teamSay(demo.person.id, by: person).team
      for entry in team.active where !entry.membership.isArranger {
        try await w.cases.answerTeamDecision(
          decision.id, choice: "consent", reason: nil, person: demo.person.id,
          by: try await w.cases.requester(for: entry.account))
      }
      try await w.cases.runDueJobs(worker: "test")
      #expect(await w.mail.sent.contains { $0.to == "wendy2@example.org" })
      try await w.cases.answerInvitation(to: demo.person.id, accept: true, by: wendy)
      // Another: the family member objects; when the time runs out, nobody is invited.
      let (_, third) = try await w.cases.invite(Self.newWorker(3), to: demo.person.id, by: arranger)
      let stopped = try #require(
        try await w.cases.teamSay(demo.person.id, by: person).decisions.first {
          $0.subjectID == third.membership.id.rawValue
        })
      try await w.cases.answerTeamDecision(
        stopped.id, choice: "objection", reason: "We have not met her", person: demo.person.id, by: family)
      w.clock.advance(Double(TeamDecision.consentDays) * 86_400 + 60)
      #expect(try await w.cases.settleTeamDecisions() >= 1)
      let after = try #require(try await w.store.team(demo.person.id, coop: demo.coop.id))
      #expect(after.entries.first { $0.membership.id == third.membership.id }?.membership.status == .removed)
      #expect(after.active.contains { $0.account.id == second.invitee.id })
    }
  }
}
