import CareCases
import CareCore
import CareTestSupport
import Foundation
import Testing
import Vapor

@testable import CareStore
@testable import CareWeb

/// The home page's "your say" through the real server, on both engines: an open proposal is listed, linked,
/// with its last day, until the member answers it.
@Suite("Pages: questions waiting for your answer on the home page")
struct HomeDecisionsPagesTests {
  @Test(arguments: Engine.allCases)
  func theHomePageListsWhatWaitsUntilItIsAnswered(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let cases = t.app.care.cases
      let proposal = try await cases.addProposal(
        NewProposal(
          title: "A co-op picnic", text: "In July.", kind: "consent", share: nil, quorum: 0,
          closesOn: cases.today.adding(days: 5).iso), by: try await cases.requester(for: demo.admin))
      let family = try await t.session(for: demo.family)
      var home = try await t.send(.GET, "/", session: family).text
      #expect(home.contains("Your say: questions waiting for your answer"))
      #expect(home.contains(#"<a href="/proposals/\#(proposal.id)">A co-op picnic</a>"#))
      #expect(home.contains("answer by the end of \(cases.today.adding(days: 5).longText)."))
      let answered = try await t.send(
        .POST, "/proposals/\(proposal.id)/votes", session: family, form: ["choice": "consent"])
      #expect(answered.status == .seeOther)
      home = try await t.send(.GET, "/", session: family).text
      #expect(!home.contains("Your say: questions waiting for your answer"))
    }
  }
}
