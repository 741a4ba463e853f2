import CareCore
import CareTestSupport
import Foundation
import SQLKit
import Testing

@testable import CareCases
@testable import CareStore

/// Elections by secret ballot on both engines: members rank the candidates and are shown a code; a second
/// ballot is refused, a ballot changes only with its code; no row links a member to their ballot, and the
/// ballots' order follows their codes, not the order members voted in; postal ballots count as the member's
/// one ballot; the count is the single transferable vote, kept once, and a recount agrees.
@Suite("Use cases: elections by secret ballot")
struct ElectionCasesTests {
  static func election(seats: Int = 1, candidates: [Account], quorum: Int = 0) -> NewProposal {
    NewProposal(
      title: "Elect the co-op's secretary", text: "For two years.", kind: "election", share: nil, quorum: quorum,
      closesOn: "2026-05-28", seats: seats, candidates: candidates.map(\.id.description))
  }

  @Test(arguments: Engine.allCases)
  func aSecretBallotIsCountedByTransferableVoteAndLinksNoMemberToTheirBallot(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let admin = try await w.cases.requester(for: demo.admin)
      // Candidates 1 (the worker), 2 (the family member) and 3 (the arranger).
      let proposal = try await w.cases.addProposal(
        Self.election(candidates: [demo.teamWorker, demo.family, demo.arranger]), by: admin)
      let election = try #require(proposal.election)
      #expect(election.candidates.map(\.name) == [demo.teamWorker.name, demo.family.name, demo.arranger.name])
      #expect(Set(election.lot) == [1, 2, 3])

      // Five ballots: first choices 1, 1, 2, 3, 3. The quota for one seat of five is 3: nobody has it; 2 is
      // excluded and their ballot goes to its next choice, 1, who then has 3 and is elected.
      let voters = [demo.teamWorker, demo.family, demo.arranger, demo.personAccount, demo.sameCircleWorker]
      let rankings: [[String]] = [["1", "2", ""], ["1", "", "2"], ["2", "1", ""], ["", "2", "1"], ["", "2", "1"]]
      var codes: [String] = []
      for (voter, ranks) in zip(voters, rankings) {
        let requester = try await w.cases.requester(for: voter)
        let input = RankingInput.ranks(Dictionary(uniqueKeysWithValues: ranks.enumerated().map { ($0 + 1, $1) }))
        codes.append(try await w.cases.castBallot(proposal.id, input, code: nil, by: requester))
      }
      #expect(Set(codes).count == 5 && codes.allSatisfy { BallotCode.normalised($0) == $0 })

      // A second ballot is refused; a change needs the code (and a wrong one changes nothing).
      let worker = try await w.cases.requester(for: demo.teamWorker)
      await #expect(
        throws: CareError.conflict(
          FieldError("ranking", "You have voted already: to change your ballot, use the code you were given"))
      ) {
        try await w.cases.castBallot(proposal.id, .list([3]), code: nil, by: worker)
      }
      await #expect(
        throws: CareError.invalid("code", "That code does not match a ballot in this poll: check it and try again")
      ) {
        try await w.cases.castBallot(proposal.id, .list([3]), code: "ABCD-EFGH-JKLM-NPQR", by: worker)
      }
      // The worker changes their ballot (to the same first choice, now with a second): typed loosely.
      let typed = codes[0].lowercased().replacingOccurrences(of: "-", with: " ")
      #expect(try await w.cases.castBallot(proposal.id, .list([1, 3]), code: typed, by: worker) == codes[0])

      // While open, the page says who has voted, never how, and shows no count.
      let open = try await w.cases.proposal(proposal.id, by: worker)
      #expect(open.hasVoted && open.receipts.count == 5 && open.electionCount == nil && open.answers.isEmpty)

      // No row links a member to their ballot: the ballots hold no account id, and the receipts no choice.
      let sql = w.store.writer as! any SQLDatabase
      let ballotRows = try await sql.raw("SELECT * FROM secret_ballots").all()
      #expect(ballotRows.count == 5)
      let accountIDs = voters.map { $0.id.rawValue.uuidString.lowercased() }
      for row in ballotRows {
        #expect(Set(row.allColumns) == ["id", "proposal_id", "code_hash", "ranking"])
        for column in row.allColumns {
          let value = (try? row.decode(column: column, as: String.self))?.lowercased() ?? ""
          #expect(!accountIDs.contains { value.contains($0) })
        }
      }
      let receiptColumns = try #require(try await sql.raw("SELECT * FROM ballot_receipts").all().first).allColumns
      #expect(Set(receiptColumns) == ["id", "proposal_id", "voter_id", "how", "entered_by"])
      // The ballots' ids run in the order of their codes' hashes, not the order members voted in.
      let byID = try await sql.raw("SELECT code_hash FROM secret_ballots ORDER BY id").all()
        .map { try $0.decode(column: "code_hash", as: String.self) }
      #expect(byID == byID.sorted() && byID == codes.map(Tokens.hash).sorted())
      // Nor does the audit log say how anyone voted.
      let log = try await w.store.auditEvents(coop: demo.coop.id, limit: 500).filter { $0.action == .vote }
      #expect(log.count == 6 && log.allSatisfy { $0.detail.contains("secret ballot") && !$0.detail.contains("1,") })

      // Closed, counted once, everyone told; then a change is refused.
      w.clock.advance(25 * 3600)
      await #expect(
        throws: CareError.conflict(FieldError("ranking", "The poll has closed: ballots can no longer change"))
      ) {
        try await w.cases.castBallot(proposal.id, .list([2]), code: codes[0], by: worker)
      }
      #expect(try await w.cases.countDuePolls() == 1)
      let closed = try await w.cases.proposal(proposal.id, by: worker)
      let result = try #require(closed.proposal.result)
      #expect(result.outcome == .elected && result.elected == [1] && result.turnout == 5)
      let count = try #require(closed.electionCount)
      #expect(count.quota == 3 * 100_000 && count.stages.count == 2)
      #expect(count.stages[0].tallies == [200_000, 100_000, 200_000])
      #expect(count.stages[1].event == "\(demo.family.name) excluded, their ballots passed on")
      #expect(count.stages[1].elected == [1] && count.ballots.count == 5)
      #expect(try await w.cases.recount(proposal.id, by: worker).agrees)
      let told = try await w.store.messages(for: demo.personAccount.id)
      #expect(
        told.contains { $0.subject == "The result of “Elect the co-op's secretary”: counted: the seats are filled" })
      // Ballots and receipts are kept as they were: receipts cannot be edited.
      await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM ballot_receipts").run() }
    }
  }

  @Test(arguments: Engine.allCases)
  func postalBallotsBadBallotsAndAnElectionTooFewVotedIn(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let admin = try await w.cases.requester(for: demo.admin)
      let worker = try await w.cases.requester(for: demo.teamWorker)
      let person = try await w.cases.requester(for: demo.personAccount)
      // A bad election: no seats, a candidate who is not a member, too few candidates: all said at once.
      do {
        try await w.cases.addProposal(
          NewProposal(
            title: "Elect", text: "Two seats.", kind: "election", share: nil, quorum: 0, closesOn: "2026-05-28",
            seats: 0, candidates: [demo.admin.id.description]), by: admin)
        Issue.record("a bad election was kept")
      } catch CareError.invalid(let errors) {
        #expect(Set(errors.map(\.field)) == ["seats", "candidates"])
      }
      await #expect(
        throws: CareError.invalid(
          "candidates", "Choose more candidates than seats (2), so that members have a choice")
      ) {
        try await w.cases.addProposal(
          Self.election(seats: 2, candidates: [demo.teamWorker, demo.family]), by: admin)
      }
      let proposal = try await w.cases.addProposal(
        Self.election(seats: 2, candidates: [demo.teamWorker, demo.family, demo.arranger], quorum: 3), by: admin)

      // Bad ballots: nothing ranked, a number twice, a gap, a number beyond the candidates.
      let bad: [([Int: String], String)] = [
        ([1: "", 2: " "], "Number at least one candidate: 1 for your first choice"),
        ([1: "1", 2: "1"], "You gave two candidates number 1: give each number once"),
        ([1: "1", 3: "3"], "Number your choices 1, 2, 3… without missing one out: there is no 2"),
        ([1: "4"], "Give each candidate you rank a number from 1 to 3"),
      ]
      for (ranks, message) in bad {
        await #expect(throws: CareError.invalid("ranking", message)) {
          try await w.cases.castBallot(proposal.id, .ranks(ranks), code: nil, by: worker)
        }
      }
      await #expect(throws: CareError.invalid("ranking", "Each candidate can be ranked once only")) {
        try await w.cases.castBallot(proposal.id, .list([2, 2]), code: nil, by: worker)
      }
      // A secret ballot takes no open answer; a majority vote no ranked ballot.
      await #expect(
        throws: CareError.conflict(FieldError("choice", "This is a secret ballot: rank the candidates on its ballot"))
      ) {
        try await w.cases.vote(proposal.id, choice: "for", reason: nil, by: worker)
      }
      let motion = try await w.cases.addProposal(ProposalCasesTests.proposal(.majority), by: admin)
      await #expect(
        throws: CareError.conflict(FieldError("ranking", "This poll is not an election: give your answer instead"))
      ) {
        try await w.cases.castBallot(motion.id, .list([1]), code: nil, by: worker)
      }

      // The person votes by post: the administrator enters it; it is their one ballot, and shows as entered.
      try await w.cases.enterBallot(
        proposal.id, member: demo.personAccount.id.description, .ranks([2: "1", 1: "2"]), way: "postal", by: admin)
      await #expect(
        throws: CareError.conflict(
          FieldError("ranking", "You have voted already: to change your ballot, use the code you were given"))
      ) {
        try await w.cases.castBallot(proposal.id, .list([1]), code: nil, by: person)
      }
      await #expect(throws: CareError.conflict(FieldError("memberID", "That member has voted already"))) {
        try await w.cases.enterBallot(
          proposal.id, member: demo.personAccount.id.description, .list([1]), way: "proxy", by: admin)
      }
      do {
        try await w.cases.enterBallot(proposal.id, member: "nobody", .ranks([:]), way: "online", by: admin)
        Issue.record("a ballot with every field wrong was entered")
      } catch CareError.invalid(let errors) {
        #expect(Set(errors.map(\.field)) == ["way", "member", "ranking"])
      }
      await #expect(throws: CareError.forbidden) {
        try await w.cases.enterBallot(
          proposal.id, member: demo.family.id.description, .list([1]), way: "postal", by: worker)
      }
      let model = try await w.cases.proposal(proposal.id, by: admin)
      let receipt = try #require(model.receipts.first)
      #expect(model.receipts.count == 1 && receipt.way == .postal && receipt.enteredBy == demo.admin.id)
      #expect(!model.mayEnterFor.contains { $0.id == demo.personAccount.id })

      // One more ballot: two of a quorum of three. Not decided, nobody elected.
      try await w.cases.castBallot(proposal.id, .list([3]), code: nil, by: worker)
      w.clock.advance(25 * 3600)
      #expect(try await w.cases.countDuePolls() == 2)
      let result = try #require(try await w.cases.proposal(proposal.id, by: worker).proposal.result)
      #expect(result.outcome == .inquorate && result.turnout == 2 && result.elected.isEmpty)
      #expect(try await w.cases.recount(proposal.id, by: worker).agrees)
    }
  }
}

@Suite("Use cases: a hat filled by election, for a term")
struct HatElectionTests {
  @Test(arguments: Engine.allCases)
  func theOneElectedWearsTheHatFromTheDayAfterTheCloseUntilTheTermEnds(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let admin = try await w.cases.requester(for: demo.admin)
      let hats = try await w.store.hats(coop: demo.coop.id)
      let finance = try #require(hats.first { $0.hat.kind == .finance && $0.hat.circleID == nil }).hat
      let rota = try #require(hats.first { $0.hat.kind == .rotaKeeper }).hat
      let candidates = [demo.teamWorker, demo.family, demo.arranger]
      func election(seats: Int = 1, hat: ID<Hat>?, until: String?) -> NewProposal {
        ElectionCasesTests.election(seats: seats, candidates: candidates).forHat(hat?.description, until: until)
      }
      // A hat is one seat; its term ends after the close and within five years; only the co-op's own hats.
      do {
        try await w.cases.addProposal(election(seats: 2, hat: finance.id, until: "2026-05-28"), by: admin)
        Issue.record("a bad election for a hat was kept")
      } catch CareError.invalid(let errors) {
        #expect(Set(errors.map(\.field)) == ["seats", "termEnd"])
      }
      await #expect(throws: CareError.invalid("hatID", "Choose one of the co-op's hats, or none")) {
        try await w.cases.addProposal(election(hat: rota.id, until: "2027-05-31"), by: admin)
      }
      await #expect(throws: CareError.invalid("hatID", "Only an election can fill a hat")) {
        try await w.cases.addProposal(
          ProposalCasesTests.proposal(.majority).forHat(finance.id.description, until: nil), by: admin)
      }
      let proposal = try await w.cases.addProposal(election(hat: finance.id, until: "2026-07-15"), by: admin)
      #expect(
        proposal.election?.hat == ElectedHat(hatID: finance.id, name: finance.name, termEnd: Day(iso: "2026-07-15")!))
      for (voter, ranking) in [(demo.teamWorker, [2]), (demo.family, [2, 1]), (demo.personAccount, [1])] {
        try await w.cases.castBallot(
          proposal.id, .list(ranking), code: nil, by: try await w.cases.requester(for: voter))
      }
      // Counted the day after: the family member (candidate 2) is elected and wears the hat from today.
      w.clock.advance(25 * 3600)
      #expect(try await w.cases.countDuePolls() == 1)
      let today = Day(iso: "2026-05-29")!
      var worn = try #require(try await w.store.hat(finance.id, coop: demo.coop.id))
      #expect(worn.current(on: today).map(\.1.id) == [demo.family.id])
      #expect(worn.current(on: today).first?.0.termEnd == Day(iso: "2026-07-15"))
      let told = try await w.store.messages(for: demo.family.id)
      #expect(
        told.contains {
          $0.body.contains("\(demo.family.name) wears the hat “\(finance.name)” from 29 May 2026 to 15 July 2026.")
        })
      // The hat page warns a month before the term ends, not before.
      #expect(try await w.cases.hat(finance.id, by: admin).termEndingSoon == nil)
      w.clock.advance(20 * 24 * 3600)  // 18 June: 27 days to go
      let soon = try #require(
        try await w.cases.hat(finance.id, by: try await w.cases.requester(for: demo.admin)).termEndingSoon)
      #expect(soon.holder == demo.family.name && soon.days == 27 && soon.ends == Day(iso: "2026-07-15"))
      // The term ends on time: worn on its last day, not the day after.
      worn = try #require(try await w.store.hat(finance.id, coop: demo.coop.id))
      #expect(worn.current(on: Day(iso: "2026-07-15")!).map(\.1.id) == [demo.family.id])
      #expect(worn.current(on: Day(iso: "2026-07-16")!).isEmpty)
    }
  }
}
