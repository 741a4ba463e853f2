import CareCases
import CareCore
import Plot
import Vapor

/// Search within a person's documents and plan: a page with a search box and what was found (only what the
/// searcher may open), and the same in the API.
enum SearchWeb: WebCapability {
  static let openAPI: String? = "search"

  static func pages(_ r: PageRoutes) {
    r.get(.teamSearch(.key), SearchController.show)
  }

  static func api(_ v1: APIRoutes) {
    v1.get(.teamSearch(.key)) { req async throws -> DTO.SearchOut in
      DTO.SearchOut(
        try await req.cases.search(try req.id(), query: req.query[String.self, at: "q"], by: try await req.actor()))
    }
  }
}

extension DTO {
  struct SearchOut: Content {
    let words: [String]
    let documents: [DocumentOut]
    let sections: [FoundSection]

    struct FoundSection: Content {
      let section: String
      let title: String
      let version: Int
    }

    init(_ m: SearchModel) {
      words = m.words
      documents = m.documents.map(DocumentOut.init)
      sections = m.sections.map {
        FoundSection(section: $0.section.rawValue, title: $0.section.title, version: $0.version)
      }
    }
  }
}

enum SearchController {
  static func show(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let person: ID<Person> = try req.id()
    let query = req.query[String.self, at: "q"]
    var state = FormState(values: ["q": query ?? ""])
    var model: SearchModel?
    var status = HTTPStatus.ok
    if query != nil {
      do {
        model = try await req.cases.search(person, query: query, by: actor)
      } catch let error as CareError where error != .notFound && error != .forbidden {
        (status, _, state.errors) = CareErrorMiddleware.classify(error)
      }
    }
    var team = model?.team
    if team == nil { team = try await req.cases.teamToSearch(person, by: actor) }
    guard let team else { throw CareError.notFound }
    return SearchPage(
      layout: req.layout(
        "Search \(team.personAccount.name)'s documents and plan", crumbs: DocumentController.crumbs(team),
        hasErrors: !state.errors.isEmpty),
      team: team, model: model, state: state
    ).response(status)
  }
}

/// The search box and what it found: documents (each linked to its page) and plan sections (linked to the
/// plan at that section).
struct SearchPage: PageView {
  let layout: Layout
  let team: Team
  let model: SearchModel?
  let state: FormState

  var person: ID<Person> { team.person.id }

  var body: Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(state.errors),
      .h1(.text("Search \(team.personAccount.name)'s documents and plan")),
      .form(
        .attribute(named: "role", value: "search"), .action(SiteURL.teamSearch(.value(person)).path),
        .method(.get),
        Forms.text(
          "q", label: "Words to look for",
          hint: "In documents' titles and file names, and in the plan. Part of a word is enough: “assess”.",
          state: state),
        Forms.submit("Search")),
      .unwrap(model) { found in
        .group(
          .h2("Documents"),
          found.documents.isEmpty
            ? .p("No documents found.")
            : .ul(
              .forEach(found.documents) { document in
                .li(
                  .a(.href(SiteURL.document(.value(document.id)).path), .text(document.title)),
                  .text(" (\(document.kind.label))"))
              }),
          .h2("In the plan"),
          found.sections.isEmpty
            ? .p("Nothing found in the plan.")
            : .ul(
              .forEach(found.sections) { section in
                .li(
                  .a(
                    .href(SiteURL.teamPlan(.value(person)).path + "#\(section.section.rawValue)"),
                    .text(section.section.title)))
              }))
      })
  }
}
