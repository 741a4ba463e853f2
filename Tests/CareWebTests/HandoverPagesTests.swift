import CareCases
import CareCore
import CareTestSupport
import Foundation
import Testing
import Vapor

@testable import CareStore
@testable import CareWeb

/// A second holder's approval through the real server, on both engines: the hat page says a hand-over waits
/// and for whom; the asker sees no buttons; the second holder approves there; the API lists it as approved.
@Suite("Pages: a second holder's approval")
struct HandoverPagesTests {
  @Test(arguments: Engine.allCases)
  func theSecondHolderApprovesOnTheHatPage(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let cases = t.app.care.cases
      let admin = try await cases.requester(for: demo.admin)
      let lead = try #require(try await t.store.hats(coop: demo.coop.id).first { $0.hat.kind == .safeguardingLead })
      _ = try await cases.handOver(
        lead.hat.id,
        Handover(toAccountID: demo.sameCircleWorker.id.description, termStart: cases.today.iso, termEnd: nil),
        by: admin)
      let request = try await cases.seedDemoSecondApproval(demo)
      let path = "/hats/\(request.hatID)"
      var page = try await t.send(.GET, path, session: try await t.session(for: demo.admin)).text
      #expect(page.contains("Waiting for a second hat holder") && page.contains("Hand to \(demo.teamWorker.name)"))
      #expect(!page.contains(#"value="approve""#) && page.contains("your hand-over will wait for them"))
      let sal = try await t.session(for: demo.sameCircleWorker)
      page = try await t.send(.GET, path, session: sal).text
      #expect(page.contains(#"value="approve""#))
      let sent = try await t.send(.POST, "\(path)/hand-over/\(request.id)", session: sal, form: ["answer": "approve"])
      #expect(sent.status == .seeOther)
      page = try await t.send(.GET, path + "?answered", session: sal).text
      #expect(page.contains("Your answer is kept.") && !page.contains("Waiting for a second hat holder"))
      #expect(page.contains("\(demo.teamWorker.name): from"))
      let phone = try await t.session(for: demo.family, kind: "api")
      let list = try await t.send(.GET, "/api/v1/hats/\(request.hatID)/handovers", bearer: phone)
      #expect(list.status == .ok && list.text.contains(#""state":"approved""#))
    }
  }
}
