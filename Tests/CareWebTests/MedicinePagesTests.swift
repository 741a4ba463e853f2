import CareCore
import CareTestSupport
import Foundation
import Testing
import Vapor

@testable import CareStore
@testable import CareWeb

/// Medicines through the real server, on both engines: family propose one on the page, the person agrees
/// with one press; the worker records the dose on the visit's page; the chart shows it; the phone's API
/// takes a dose by id and time, and the answers match the document.
@Suite("Pages: medicines")
struct MedicinePagesTests {
  @Test(arguments: Engine.allCases)
  func proposedAgreedGivenAndCharted(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let team = try #require(try await t.store.team(demo.person.id, coop: demo.coop.id))
      let visit = try await AccessMatrixTests.publishedVisit(t, demo, circle: team.circle.id)
      let list = "/teams/\(demo.person.id)/medicines"
      let family = try await t.session(for: demo.family)
      // A bad form: every problem in the summary, the input kept.
      let bad = try await t.send(
        .POST, "\(list)/new", session: family, form: ["name": "Furosemide", "times": "8am", "givenBy": "worker"])
      #expect(bad.status == .unprocessableEntity)
      #expect(bad.text.contains(##"<a href="#route">Choose how it is taken</a>"##))
      #expect(bad.text.contains(##"<a href="#times">Give each time like 08:00, with commas between</a>"##))
      #expect(bad.text.contains(##"<a href="#dose">Enter the dose</a>"##))
      #expect(bad.text.contains(#"value="Furosemide""#))
      let good: [String: String] = [
        "name": "Furosemide", "dose": "40 mg, 1 tablet", "route": "mouth", "times": "09:00",
        "purpose": "Water tablets", "givenBy": "worker", "instructions": "In the morning",
      ]
      #expect(try await t.send(.POST, "\(list)/new", session: family, form: good).status == .seeOther)
      // Waiting for the person: they see it with two buttons; family do not.
      let person = try await t.session(for: demo.personAccount)
      var page = try await t.send(.GET, list, session: person)
      #expect(page.text.contains("Waiting for an answer") && page.text.contains("Add Furosemide"))
      #expect(!(try await t.send(.GET, list, session: family)).text.contains(#"value="agree""#))
      let medicines = try await t.store.medicines(
        permit: try AccessPolicy.permit(
          try await t.store.actor(for: demo.personAccount, on: CoopCalendar.london.day(of: t.clock.env.now())),
          .viewMedicines(TeamFacts(team))))
      let waiting = try #require(medicines.waiting.first { $0.details.name == "Furosemide" })
      let answer = "\(list)/changes/\(waiting.id)/answer"
      #expect(try await t.send(.POST, answer, session: person, form: ["answer": "agree"]).status == .seeOther)
      page = try await t.send(.GET, list, session: person)
      #expect(page.text.contains("<strong>Furosemide</strong> — 40 mg, 1 tablet, by mouth, at 09:00."))
      #expect(try await t.send(.POST, answer, session: person, form: ["answer": "agree"]).status == .conflict)
      // The worker's visit page (09:00) offers the dose; a refusal needs why.
      let worker = try await t.session(for: demo.teamWorker)
      let record = "/visits/\(visit)/record"
      var visitPage = try await t.send(.GET, record, session: worker)
      let form = "med-\(waiting.medicineID)-540"
      #expect(visitPage.text.contains("Furosemide, due 09:00"))
      let entry = try RecordPagesTests.entryID(visitPage.text, form: form)
      let refused = try await t.send(
        .POST, record, session: worker,
        form: ["form": form, "kind": "medicine", "entryID": entry, "\(form)-medicineOutcome": "refused"])
      #expect(refused.status == .unprocessableEntity)
      #expect(refused.text.contains(##"<a href="#\##(form)-text">Enter why it was refused</a>"##))
      let given = try await t.send(
        .POST, record, session: worker,
        form: ["form": form, "kind": "medicine", "entryID": entry, "\(form)-medicineOutcome": "given"])
      #expect(given.status == .seeOther)
      visitPage = try await t.send(.GET, record, session: worker)
      #expect(visitPage.text.contains("You wrote: given."))
      #expect(visitPage.text.contains("Furosemide (09:00): given"))
      // The chart: a G in today's cell of the 09:00 row, with the day spoken for screen readers.
      let today = CoopCalendar.london.day(of: t.clock.env.now())
      let chart = try await t.send(.GET, "\(list)/chart", session: family)
      #expect(chart.status == .ok)
      #expect(chart.text.contains(#"aria-label="\#(today.longText): Given">G</td>"#))
      #expect(try await t.send(.GET, "\(list)/chart?from=1999-01-01", session: family).status == .unprocessableEntity)
      // The API: the list, and the chart, checked against the document by the test server.
      let phone = try await t.session(for: demo.personAccount, kind: "api")
      let api = try await t.send(.GET, "/api/v1\(list)", bearer: phone)
      #expect(api.status == .ok && api.text.contains(#""name":"Furosemide""#))
      let apiChart = try await t.send(.GET, "/api/v1\(list)/chart?from=\(today.adding(days: -27).iso)", bearer: phone)
      #expect(apiChart.status == .ok && apiChart.text.contains(#""G"]"#))
      let added = try await t.send(
        .POST, "/api/v1\(list)", bearer: phone,
        json:
          #"{"name":"Senna","dose":"2 tablets","route":"mouth","times":[],"asNeeded":true,"purpose":"Constipation","givenBy":"person"}"#
      )
      #expect(added.status == .created && added.text.contains(#""status":"agreed""#))
      let noTimes = try await t.send(
        .POST, "/api/v1\(list)", bearer: phone,
        json:
          #"{"name":"Senna","dose":"2 tablets","route":"mouth","times":[],"purpose":"Constipation","givenBy":"person"}"#
      )
      #expect(noTimes.status == .unprocessableEntity && noTimes.text.contains("say it is taken as needed"))
    }
  }
}
