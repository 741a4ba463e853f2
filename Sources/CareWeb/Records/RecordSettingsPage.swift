import CareCases
import CareCore
import Plot
import Vapor

/// The person's (or arranger's) say about the records: times that confirm themselves, personal care shown
/// to family.
enum RecordSettingsController {
  static func show(_ req: Request) async throws -> Response {
    let model = try await req.cases.recordSettings(try req.id(), by: try await req.actor())
    var state = FormState()
    state.values = [
      "autoConfirmDays": model.settings.autoConfirmDays.map(String.init) ?? "",
      "familySeesPersonalCare": model.settings.familySeesPersonalCare ? "true" : "",
    ]
    return page(req, model, state, saved: req.url.query == "saved").response()
  }

  static func change(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let person: ID<Person> = try req.id()
    var state = try req.formState()
    let model = try await req.cases.recordSettings(person, by: actor)
    do {
      let text = state["autoConfirmDays"].trimmingCharacters(in: .whitespaces)
      guard text.isEmpty || Int(text) != nil else {
        throw CareError.invalid([FieldError("autoConfirmDays", "Give a number of days, like 3, or leave it empty")])
      }
      try await req.cases.changeRecordSettings(
        RecordSettings(
          autoConfirmDays: Int(text), familySeesPersonalCare: state["familySeesPersonalCare"] == "true"),
        person: person, by: actor)
      return req.redirect(to: SiteURL.teamRecordSettings(.value(person)).path + "?saved", redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      state.errors = fields
      return page(req, model, state, saved: false).response(status)
    }
  }

  static func page(_ req: Request, _ model: RecordSettingsModel, _ state: FormState, saved: Bool)
    -> RecordSettingsPage
  {
    RecordSettingsPage(
      layout: req.layout(
        "\(model.personName)'s records: what they decide",
        crumbs: MedicineController.crumbs(model.team), hasErrors: !state.errors.isEmpty),
      model: model, state: state, saved: saved)
  }
}

struct RecordSettingsPage: PageView {
  let layout: Layout
  let model: RecordSettingsModel
  let state: FormState
  let saved: Bool

  var body: Node<HTML.BodyContext> {
    let first = Account.firstName(of: model.personName)
    return .group(
      Forms.errorSummary(state.errors),
      .h1(.text("\(model.personName)'s records")),
      .if(saved, .p(.class("notice"), .attribute(named: "role", value: "status"), "Saved.")),
      .p(.class("lead"), .text("What \(first) decides about the records of their visits.")),
      .form(
        .action(SiteURL.teamRecordSettings(.value(model.team.person.id)).path), .method(.post),
        .attribute(named: "novalidate"), Forms.csrf(layout.csrf),
        Forms.text(
          "autoConfirmDays", label: "Count a visit's times as right after this many days",
          hint: "When the worker has confirmed the times and \(first) has said nothing. From 1 to "
            + "\(RecordSettings.mostDays) days; leave it empty to always wait for \(first)'s answer.",
          state: state, width: "w5"),
        Forms.checkbox(
          "familySeesPersonalCare", label: "Family and friends in the team may see notes about personal care",
          hint: "Workers, the person who arranges care and the registered manager always see them.", state: state),
        Forms.submit("Save")))
  }
}
