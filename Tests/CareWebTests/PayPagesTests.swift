import CareCases
import CareCore
import CareTestSupport
import Foundation
import Testing
import Vapor

@testable import CareStore
@testable import CareWeb

/// Pay through the real server, on both engines: the finance hat runs it in two steps (each worker's pay
/// and the minimum wage check, then yes), reads the run and downloads it for payroll; the worker reads
/// their own payslip; the API's run takes an Idempotency-Key.
@Suite("Pages: pay")
struct PayPagesTests {
  @Test(arguments: Engine.allCases)
  func theFinanceHatRunsPayAndTheWorkerSeesTheirs(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let cases = t.app.care.cases
      let today = CoopCalendar.london.day(of: t.clock.env.now())
      let team = try #require(try await t.store.team(demo.person.id, coop: demo.coop.id))
      let visit = try await AccessMatrixTests.publishedVisit(t, demo, circle: team.circle.id)
      let hats = try await t.store.hats(coop: demo.coop.id)
      let holder = try #require(hats.first { $0.hat.kind == .finance }?.current(on: today).first?.1)
      let financeRequester = try await t.store.actor(for: holder, on: today)
      try await cases.startEngagement(
        NewEngagement(basis: .employed, hourlyPence: 1_000, startedOn: today.iso), for: demo.teamWorker.id,
        by: financeRequester)
      try await cases.confirmTimes(
        visit, start: "09:00", end: "10:00", by: try await t.store.actor(for: demo.teamWorker, on: today))
      try await cases.answerTimes(
        visit, agree: true, reason: "", by: try await t.store.actor(for: demo.personAccount, on: today))
      let finance = try await t.session(for: holder)
      let page = try await t.send(.GET, "/pay", session: finance)
      #expect(
        page.status == .ok && page.text.contains("20% more from 20:00 to 07:00") && page.text.contains("No run yet."))
      // Step one: an hour at £10.00 is below the minimum wage, and the page says so before anything is kept.
      let parts = today.iso.split(separator: "-").map(String.init)
      let form = [
        "from-day": parts[2], "from-month": parts[1], "from-year": parts[0], "through-day": parts[2],
        "through-month": parts[1], "through-year": parts[0],
      ]
      let preview = try await t.send(.POST, "/pay-runs", session: finance, form: form)
      #expect(preview.status == .ok && preview.text.contains("<h2>Below the minimum wage</h2>"))
      #expect(preview.text.contains(demo.teamWorker.name) && preview.text.contains("Yes, run pay"))
      // Step two: run; the run's page, and its CSV for payroll.
      let yes = ["from": today.iso, "through": today.iso, "confirm": "yes"]
      let done = try await t.send(.POST, "/pay-runs", session: finance, form: yes)
      #expect(done.status == .seeOther)
      let runPath = try #require(done.headers.first(name: .location))
      let run = try await t.send(.GET, runPath, session: finance)
      #expect(run.status == .ok && run.text.contains("Below the minimum wage: \(demo.teamWorker.name)."))
      let csv = try await t.send(.GET, "\(runPath)/csv", session: finance)
      #expect(csv.status == .ok && csv.headers.first(name: .contentType)?.hasPrefix("text/csv") == true)
      #expect(csv.text.contains(",Care visits,10.00,1.00,"))
      // The worker reads their own payslip.
      let worker = try await t.session(for: demo.teamWorker)
      let mine = try await t.send(.GET, "/my-pay", session: worker)
      #expect(mine.status == .ok && mine.text.contains("<strong>£10.00</strong>"))
      #expect(try await t.send(.GET, runPath, session: worker).status == .forbidden)
      // The API: a run needs an Idempotency-Key; sent again, the first answer (nothing more to pay).
      let phone = try await t.session(for: holder, kind: "api")
      let body = #"{"from":"\#(today.iso)","through":"\#(today.iso)"}"#
      #expect(try await t.send(.POST, "/api/v1/pay-runs", bearer: phone, json: body).status == .unprocessableEntity)
      let sent = try await t.send(
        .POST, "/api/v1/pay-runs", bearer: phone, json: body, headers: ["Idempotency-Key": "p1"])
      #expect(sent.status == .created && sent.text.contains(#""payslips":[]"#))
      let again = try await t.send(
        .POST, "/api/v1/pay-runs", bearer: phone, json: body, headers: ["Idempotency-Key": "p1"])
      #expect(again.headers.first(name: "Idempotent-Replayed") == "true" && again.text == sent.text)
      let own = try await t.send(.GET, "/api/v1/my-pay", bearer: try await t.session(for: demo.teamWorker, kind: "api"))
      #expect(own.status == .ok && own.text.contains(#""shortfallPence":271"#))
    }
  }

  /// A worker chooses steady pay on their page (a choice not offered is an error summary), asks for a
  /// balance they do not have (told so, nothing kept), and reads and changes the choice through the API.
  @Test(arguments: Engine.allCases)
  func aWorkerChoosesSteadyPayOnTheirPage(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let worker = try await t.session(for: demo.teamWorker)
      let page = try await t.send(.GET, "/my-pay", session: worker)
      #expect(page.status == .ok && page.text.contains("Plain pay: each pay run pays what you earned in it."))
      #expect(page.text.contains("You have no balance to be paid."))
      let wrong = try await t.send(.POST, "/my-pay/steady", session: worker, form: ["periods": "5"])
      #expect(wrong.status == .unprocessableEntity && wrong.text.contains("There is a problem"))
      #expect(wrong.text.contains(##"href="#periods""##) && wrong.text.contains(#"id="periods""#))
      let chosen = try await t.send(.POST, "/my-pay/steady", session: worker, form: ["periods": "4"])
      #expect(chosen.status == .seeOther && chosen.headers.first(name: .location) == "/my-pay?chosen")
      let after = try await t.send(.GET, "/my-pay?chosen", session: worker)
      #expect(after.text.contains("Saved: steady pay: each pay run pays the average of your last 4 pay runs"))
      #expect(after.text.contains(#"value="4" checked"#))
      let ask = try await t.send(.POST, "/my-pay/balance", session: worker, form: [:])
      #expect(ask.status == .conflict && ask.text.contains("You have no steady pay balance to be paid"))
      #expect(ask.text.contains(##"href="#balance""##) && ask.text.contains(#"id="balance""#))
      // The API: the same choice, and a change to plain pay.
      let phone = try await t.session(for: demo.teamWorker, kind: "api")
      let got = try await t.send(.GET, "/api/v1/my-pay/steady", bearer: phone)
      #expect(got.status == .ok && got.text.contains(#""periods":4"#) && got.text.contains(#""balancePence":0"#))
      let plain = try await t.send(.PUT, "/api/v1/my-pay/steady", bearer: phone, json: #"{"periods":1}"#)
      #expect(plain.status == .ok && plain.text.contains(#""steady":false"#))
      let none = try await t.send(.POST, "/api/v1/my-pay/balance-requests", bearer: phone, json: "{}")
      #expect(none.status == .conflict && none.headers.first(name: .contentType) == "application/problem+json")
    }
  }
}
