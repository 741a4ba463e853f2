import CareCases
import CareCore
import Plot
import Vapor

/// Splitting a circle (administrators): the new circle's name and area, and which teams and workers go.
enum CircleSplitController {
  static func form(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    return try await page(req, actor, try req.id(), FormState()).response()
  }

  private static func page(_ req: Request, _ actor: Requester, _ id: ID<Circle>, _ state: FormState) async throws
    -> CircleSplitPage
  {
    let detail = try await req.cases.circleToSplit(id, by: actor)
    return CircleSplitPage(
      layout: req.layout(
        "Split \(detail.circle.name)",
        crumbs: [
          .init(label: "Home", url: .home), .init(label: "Circles", url: .circles),
          .init(label: detail.circle.name, url: .circle(.value(id))),
        ],
        hasErrors: !state.errors.isEmpty),
      detail: detail, state: state)
  }

  static func split(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let id: ID<Circle> = try req.id()
    var state = try req.formState()
    func chosen(_ prefix: String) -> [String] {
      state.values.filter { $0.key.hasPrefix(prefix) && $0.value == "true" }.map {
        String($0.key.dropFirst(prefix.count))
      }
      .sorted()
    }
    do {
      let circle = try NewCircle.fromForm(state)
      let new = try await req.cases.splitCircle(
        id, CircleSplit(circle: circle, people: chosen("person-"), workers: chosen("worker-")), by: actor)
      return req.redirect(to: SiteURL.circle(.value(new.id)).path, redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      state.errors = error.fieldErrors
      return try await page(req, actor, id, state).response(.unprocessableEntity)
    }
  }
}

struct CircleSplitPage: PageView {
  let layout: Layout
  let detail: CircleDetail
  let state: FormState

  var body: Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(state.errors),
      .h1(.text("Split \(detail.circle.name)")),
      .p(
        .text(
          "A new circle is made with the teams and workers you choose. They keep their teams, and the visits already published stay as they are. The new circle's rota keeper plans its weeks from then on."
        )),
      .form(
        .action(SiteURL.circleSplit(.value(detail.circle.id)).path), .method(.post), .attribute(named: "novalidate"),
        Forms.csrf(layout.csrf),
        Forms.text("name", label: "The new circle's name", state: state),
        Forms.text("area", label: "The area it covers", hint: "For example, Todmorden and Walsden", state: state),
        choices(
          "people", legend: "Teams that move", prefix: "person-",
          options: detail.people.map { ($0.0.id.description, $0.1.name) }),
        choices(
          "workers", legend: "Workers that move", prefix: "worker-",
          options: detail.workers.map { ($0.id.description, $0.name) }),
        Forms.submit("Split the circle")
      )
    )
  }

  /// Checkboxes in a fieldset, each its own field (`person-<id>`), the error on the group.
  private func choices(_ name: String, legend: String, prefix: String, options: [(id: String, label: String)])
    -> Node<HTML.FormContext>
  {
    let error = state.error(name)
    return .div(
      .class(error == nil ? "field" : "field field-error"),
      .fieldset(
        .id(name),
        .element(named: "legend", nodes: [.text(legend)]),
        .unwrap(error) { Forms.errorMessage(name, $0) },
        options.isEmpty
          ? .p("None in this circle.")
          : .forEach(options) { option in
            .div(
              .class("checkbox"),
              .input(
                .type(.checkbox), .name(prefix + option.id), .id(prefix + option.id), .value("true"),
                .checked(state[prefix + option.id] == "true")),
              .label(.for(prefix + option.id), .text(option.label)))
          }
      )
    )
  }
}
