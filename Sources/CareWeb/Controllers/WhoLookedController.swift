import CareCore
import CareStore
import Vapor

/// "Who looked at my things": the audit log's lines about one person, for them and those who answer for them.
enum WhoLookedController {
  static let perPage = 100

  static func show(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    guard let team = try await req.store.team(try req.id(), coop: actor.coopID) else { throw CareError.notFound }
    _ = try AccessPolicy.decide(actor, .viewWhoLooked(TeamFacts(team))).require()
    // Read first, then record this look, so the list shows what was there when the page was asked for.
    // Older lines are on later pages: nothing in the log is out of reach. One more than a page is read
    // to know whether there is an older page.
    let page = min(max((try? req.query.get(Int.self, at: "page")) ?? 1, 1), 100_000)
    let found = try await req.store.auditEvents(
      coop: actor.coopID, person: team.person.id, limit: perPage + 1, offset: (page - 1) * perPage)
    let events = Array(found.prefix(perPage))
    try await req.store.record(
      .viewWhoLooked, coop: actor.coopID, actor: actor.account.id, person: team.person.id, env: req.clock)
    let names = Dictionary(
      try await req.store.accounts(coop: actor.coopID).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    let isOwner = actor.account.id == team.personAccount.id
    let whose = isOwner ? "your" : "\(team.personAccount.name)'s"
    return WhoLookedPage(
      layout: req.layout(
        "Who looked at \(whose) things" + (page > 1 ? ", page \(page)" : ""),
        crumbs: [
          .init(label: "Home", url: .home), .init(label: isOwner ? "Your team" : "Team", url: .team(team.person.id)),
        ]),
      heading: "Who looked at \(whose) things",
      rows: WhoLookedPage.rows(events, names: names, person: team),
      newer: page > 1 ? .teamWhoLooked(team.person.id, page: page - 1) : nil,
      older: found.count > perPage ? .teamWhoLooked(team.person.id, page: page + 1) : nil,
      page: page
    ).response()
  }
}
