import CareCases
import CareCore
import CareTestSupport
import Foundation
import Testing
import Vapor

@testable import CareStore
@testable import CareWeb

/// An election through the real server, on both engines: the administrator puts it (a form with too few
/// candidates comes back with its problem at the box); a member ranks the candidates and is shown a code once,
/// in the answer to the form and in no address; a second ballot is refused; the code changes it; the phone votes
/// through the API; a postal ballot is entered; once counted the page names who is elected with the count's
/// stages, and the recount lists every ballot with no names.
@Suite("Pages: elections by secret ballot")
struct ElectionPagesTests {
  @Test(arguments: Engine.allCases)
  func membersRankTheCandidatesInSecretAndTheCountIsShownStageByStage(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let admin = try await t.session(for: demo.admin)
      var page = try await t.send(.GET, "/proposals", session: admin).text
      #expect(page.contains("For an election") && page.contains(demo.family.name))
      var form = [
        "title": "Elect the treasurer", "text": "For two years.", "kind": "election", "seats": "1", "quorum": "0",
        "closesOn-day": "29", "closesOn-month": "5", "closesOn-year": "2026",
        "candidate-\(demo.family.id)": "true",
      ]
      let few = try await t.send(.POST, "/proposals", session: admin, form: form)
      #expect(few.status == .unprocessableEntity)
      #expect(
        few.text.contains(
          ##"<a href="#candidates">Choose more candidates than seats (1), so that members have a choice</a>"##))
      form["candidate-\(demo.teamWorker.id)"] = "true"
      form["candidate-\(demo.arranger.id)"] = "true"
      let sent = try await t.send(.POST, "/proposals", session: admin, form: form)
      #expect(sent.status == .seeOther)
      let proposal = String(try #require(sent.headers.first(name: .location)).prefix { $0 != "?" })
      let model = try await t.app.care.cases.proposal(
        try #require(ID<Proposal>(string: String(proposal.dropFirst("/proposals/".count)))),
        by: try await t.app.care.cases.requester(for: demo.admin))
      let election = try #require(model.proposal.election)
      let number = { (account: Account) in election.candidates.first { $0.accountID == account.id }!.number }

      // The person ranks the arranger first and the worker second.
      let person = try await t.session(for: demo.personAccount)
      page = try await t.send(.GET, proposal, session: person).text
      #expect(page.contains("Your ballot") && page.contains(#"<select name="rank-1" id="ranking">"#))
      // The ballot paper for a postal vote: the candidates with boxes, and how it comes back.
      let paper = try await t.send(.GET, "\(proposal)/ballot-paper", session: person)
      #expect(paper.status == .ok && paper.text.contains("Write 1 in the box beside your first choice"))
      #expect(paper.text.contains("The one who enters it sees your numbers; the co-op keeps them without your name."))
      #expect(page.contains("Print a ballot paper for a postal vote"))
      // "Not ranked" sends nothing (an option without its empty value would send its words).
      #expect(page.contains(#"<option value selected="selected">Not ranked</option>"#))
      let twice = try await t.send(
        .POST, "\(proposal)/ballots", session: person, form: ["rank-1": "1", "rank-2": "1"])
      #expect(twice.status == .unprocessableEntity)
      #expect(twice.text.contains(##"<a href="#ranking">You gave two candidates number 1: give each number once</a>"##))
      let cast = try await t.send(
        .POST, "\(proposal)/ballots", session: person,
        form: ["rank-\(number(demo.arranger))": "1", "rank-\(number(demo.teamWorker))": "2"])
      #expect(cast.status == .ok && cast.text.contains("Your ballot is in."))
      let code = try #require(
        cast.text.firstMatch(of: #/class="ballot-code">([A-Z2-9-]{19})</#).map { String($0.output.1) })
      #expect(cast.headers.first(name: .location) == nil)
      // Voting again is refused; the page now offers the change, which needs the code.
      let again = try await t.send(.POST, "\(proposal)/ballots", session: person, form: ["rank-1": "1"])
      #expect(again.status == .conflict && again.text.contains("You have voted already"))
      #expect(again.text.contains("Change your ballot") && !again.text.contains(code))
      let changed = try await t.send(
        .POST, "\(proposal)/ballots", session: person,
        form: ["code": code.lowercased(), "rank-\(number(demo.teamWorker))": "1"])
      #expect(changed.status == .ok && changed.text.contains(code))

      // The worker votes from their phone; the administrator enters the family member's postal ballot.
      let phone = try await t.session(for: demo.teamWorker, kind: "api")
      let api = try await t.send(
        .POST, "/api/v1\(proposal)/ballots", bearer: phone, json: #"{"ranking":[\#(number(demo.teamWorker))]}"#)
      #expect(api.status == .created && api.text.contains(#""code":""#))
      let postal = try await t.send(
        .POST, "\(proposal)/entered-ballots", session: admin,
        form: ["memberID": demo.family.id.description, "way": "postal", "entered-rank-\(number(demo.family))": "1"])
      #expect(postal.status == .seeOther)
      page = try await t.send(.GET, proposal, session: person).text
      #expect(
        page.contains("3 of ") && page.contains("\(demo.family.name) (a postal vote, entered by \(demo.admin.name))"))
      #expect(page.contains("until then nobody sees how anyone voted"))

      // Counted: the worker has two first choices of three; the quota for one seat is 2: elected at once.
      t.clock.advance(2 * 24 * 3600)
      #expect(try await t.app.care.cases.countDuePolls() == 1)
      let later = try await t.session(for: demo.personAccount)
      page = try await t.send(.GET, proposal, session: later).text
      #expect(page.contains("Elected: \(demo.teamWorker.name).") && page.contains("The count, stage by stage"))
      #expect(page.contains("the quota to be elected is 2 votes"))
      let recount = try await t.send(.GET, "\(proposal)/recount", session: later)
      #expect(recount.status == .ok && recount.text.contains("The recount agrees with the result: elected"))
      #expect(recount.text.contains("<li>\(demo.family.name)</li>") && !recount.text.contains(demo.admin.name))
      let json = try await t.send(
        .GET, "/api/v1\(proposal)/recount", bearer: try await t.session(for: demo.teamWorker, kind: "api")
      ).text
      #expect(json.contains(#""agrees":true"#) && json.contains(#""ballots":[["#))
    }
  }
}
