import CareCases
import CareCore
import Vapor

/// "Who looked at my things": the audit log's lines about one person, for them and those who answer for them.
enum WhoLookedController {
  static func show(_ req: Request) async throws -> Response {
    let page = (try? req.query.get(Int.self, at: "page")) ?? 1
    let model = try await req.cases.whoLooked(at: try req.id(), page: page, by: try await req.actor())
    let team = model.team
    let whose = model.isOwner ? "your" : "\(team.personAccount.name)'s"
    return WhoLookedPage(
      layout: req.layout(
        "Who looked at \(whose) things" + (model.page > 1 ? ", page \(model.page)" : ""),
        crumbs: [
          .init(label: "Home", url: .home),
          .init(label: model.isOwner ? "Your team" : "Team", url: .team(.value(team.person.id))),
        ]),
      heading: "Who looked at \(whose) things",
      rows: WhoLookedPage.rows(model.events, names: model.names, person: team, showsWhich: model.showsWhich),
      newer: model.page > 1 ? .teamWhoLooked(.value(team.person.id), page: model.page - 1) : nil,
      older: model.hasOlder ? .teamWhoLooked(.value(team.person.id), page: model.page + 1) : nil,
      page: model.page
    ).response()
  }
}
