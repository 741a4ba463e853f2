import CareCore
import CareTestSupport
import Foundation
import SQLKit
import Testing

@testable import CareCases
@testable import CareStore

/// Proposals on both engines: a member proposes; members answer and may change their answer until the poll
/// closes; the count (once, by the job) follows the kind's rules — a majority with its quorum and share, consent
/// unless an objection stands — and every member is told; a recount agrees; nobody answers after the close or
/// without being a member; nothing is edited.
@Suite("Use cases: proposals and votes")
struct ProposalCasesTests {
  static func proposal(
    _ kind: ProposalKind, quorum: Int = 0, share: MajorityShare = .simple, closesOn: String = "2026-05-28"
  ) -> NewProposal {
    NewProposal(
      title: "Buy a minibus", text: "For outings.", kind: kind.rawValue, share: share.rawValue, quorum: quorum,
      closesOn: closesOn)
  }

  @Test(arguments: Engine.allCases)
  func aMajorityVoteIsCountedOnceWhenItClosesAndEveryMemberTold(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let (worker, family, arranger, person) = (
        try await w.cases.requester(for: demo.teamWorker), try await w.cases.requester(for: demo.family),
        try await w.cases.requester(for: demo.arranger), try await w.cases.requester(for: demo.personAccount)
      )
      // Today is 28 May 2026: the poll runs to the end of today.
      let proposal = try await w.cases.addProposal(Self.proposal(.majority, quorum: 3), by: worker)
      #expect(proposal.status(at: w.clock.env.now()) == .open && proposal.result == nil)
      try await w.cases.vote(proposal.id, choice: "for", reason: "Outings matter", by: worker)
      try await w.cases.vote(proposal.id, choice: "against", reason: "Too dear", by: family)
      try await w.cases.vote(proposal.id, choice: "against", reason: nil, by: arranger)
      // The family member changes their mind; both answers are kept, the latest counts.
      w.clock.advance(3600)
      try await w.cases.vote(proposal.id, choice: "for", reason: "Convinced by the costs", by: family)
      try await w.cases.vote(proposal.id, choice: "abstain", reason: nil, by: person)
      let open = try await w.cases.proposal(proposal.id, by: person)
      #expect(open.answers.count == 4 && open.mine?.choice == .abstain && open.mayVote)
      #expect(open.countSoFar.outcome == .passed && open.countSoFar.tally == [.for: 2, .against: 1, .abstain: 1])
      // Not counted before the close (and the minute after it).
      #expect(try await w.cases.countDuePolls() == 0)
      w.clock.advance(24 * 3600)
      await #expect(
        throws: CareError.conflict(FieldError("choice", "The poll has closed: answers can no longer change"))
      ) {
        try await w.cases.vote(proposal.id, choice: "against", reason: nil, by: worker)
      }
      // Two counts at once keep one result.
      async let first = w.cases.countDuePolls()
      async let second = w.cases.countDuePolls()
      #expect(try await first + second == 1)
      let closed = try await w.cases.proposal(proposal.id, by: person)
      let result = try #require(closed.proposal.result)
      #expect(result.outcome == .passed && result.turnout == 4 && result.tally == [.for: 2, .against: 1, .abstain: 1])
      #expect(!closed.mayVote && closed.status == .closed)
      // Every member is told, once.
      let members = try await w.store.votingMembers(coop: demo.coop.id, on: Day(iso: "2026-05-28")!)
      let told = try await w.store.messages(for: demo.family.id)
      #expect(told.filter { $0.subject == "The result of “Buy a minibus”: passed" }.count == 1)
      #expect(members.count > 10)
      // The answer refused after the close wrote nothing: five answers were given, all before it.
      let log = try await w.store.auditEvents(coop: demo.coop.id, limit: 500)
      #expect(log.filter { $0.action == .vote }.count == 5)
      // Anyone may count it again: the same.
      #expect(try await w.cases.recount(proposal.id, by: person).agrees)
      // Nothing is edited.
      let sql = w.store.writer as! any SQLDatabase
      await #expect(throws: (any Error).self) { try await sql.raw("UPDATE proposal_votes SET choice = 'for'").run() }
      await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM proposal_results").run() }
    }
  }

  @Test(arguments: Engine.allCases)
  func consentQuorumAndWhoMayAnswer(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let worker = try await w.cases.requester(for: demo.teamWorker)
      let family = try await w.cases.requester(for: demo.family)
      let admin = try await w.cases.requester(for: demo.admin)
      // Consent: an objection needs a reason, and blocks while it stands.
      let consent = try await w.cases.addProposal(Self.proposal(.consent), by: admin)
      await #expect(throws: CareError.invalid("reason", "Enter your reason")) {
        try await w.cases.vote(consent.id, choice: "objection", reason: " ", by: family)
      }
      try await w.cases.vote(consent.id, choice: "objection", reason: "Who will drive it?", by: family)
      try await w.cases.vote(consent.id, choice: "consent", reason: nil, by: worker)
      #expect(try await w.cases.proposal(consent.id, by: worker).countSoFar.outcome == .blocked)
      // The objection is answered; the member changes to a concern: it goes ahead.
      try await w.cases.vote(consent.id, choice: "concern", reason: "Drivers need training", by: family)
      // An answer the poll does not ask for.
      await #expect(throws: CareError.invalid("choice", "Choose one of the answers this poll asks for")) {
        try await w.cases.vote(consent.id, choice: "for", reason: nil, by: worker)
      }
      // A majority vote with a quorum of 5 and two answers: not decided.
      let small = try await w.cases.addProposal(Self.proposal(.majority, quorum: 5), by: worker)
      try await w.cases.vote(small.id, choice: "for", reason: nil, by: worker)
      try await w.cases.vote(small.id, choice: "for", reason: nil, by: family)
      // A postal vote entered by the administrator for a member who does not use the site: it counts as theirs,
      // marked as entered. A worker may not enter votes; nor may anyone enter one for someone not a member.
      let person = try await w.cases.requester(for: demo.personAccount)
      let entered = try await w.cases.enterVote(
        small.id, member: demo.personAccount.id.description, choice: "against", reason: "By post", way: "postal",
        by: admin)
      #expect(entered.voterID == demo.personAccount.id && entered.enteredBy == demo.admin.id && entered.way == .postal)
      #expect(try await w.cases.proposal(small.id, by: person).mine?.choice == .against)
      await #expect(throws: CareError.forbidden) {
        try await w.cases.enterVote(
          small.id, member: demo.personAccount.id.description, choice: "for", reason: nil, way: "proxy", by: worker)
      }
      await #expect(throws: CareError.invalid("member", "Choose a member who can vote")) {
        try await w.cases.enterVote(
          small.id, member: demo.admin.id.description, choice: "for", reason: nil, way: "proxy", by: admin)
      }
      // The administrator proposes but is not a member: no vote.
      await #expect(throws: CareError.forbidden) {
        try await w.cases.vote(small.id, choice: "for", reason: nil, by: admin)
      }
      w.clock.advance(25 * 3600)
      #expect(try await w.cases.countDuePolls() == 2)
      #expect(try await w.cases.proposal(consent.id, by: worker).proposal.result?.outcome == .passed)
      // Three answers (two for, one postal against) of a quorum of 5: not decided.
      let counted = try #require(try await w.cases.proposal(small.id, by: worker).proposal.result)
      #expect(counted.outcome == .inquorate && counted.turnout == 3)
      // Bad proposals: every problem at once; a quorum beyond the members.
      do {
        try await w.cases.addProposal(
          NewProposal(title: "", text: "", kind: "lottery", share: "most", quorum: 5000, closesOn: "2026-01-01"),
          by: worker)
        Issue.record("a proposal with every field wrong was kept")
      } catch CareError.invalid(let errors) {
        #expect(Set(errors.map(\.field)) == ["title", "text", "kind", "share", "quorum", "closesOn"])
      }
      // Another co-op learns nothing of these.
      let (_, otherAdmin) = try await w.store.setUpCoop(
        CoopSetup(
          coopName: "Elsewhere", registeredNumber: "9", address: "a", adminName: "E A", adminEmail: "e@a.org",
          password: "long enough password"), passwordHash: "x", env: w.clock.env)
      let elsewhere = try await w.cases.requester(for: otherAdmin)
      await #expect(throws: CareError.notFound) { try await w.cases.proposal(small.id, by: elsewhere) }
    }
  }
}
