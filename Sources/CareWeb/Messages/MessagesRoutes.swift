import CareCases
import CareCore
import Vapor

/// The signed-in member's messages (a page; the API's list is `GET /api/v1/messages`, in the week's folder).
enum MessagesWeb: WebCapability {
  static func pages(_ r: PageRoutes) {
    r.get(.messages(), MessagesController.show)
  }

  static func api(_ v1: APIRoutes) {}
}

enum MessagesController {
  static func show(_ req: Request) async throws -> Response {
    let page = (try? req.query.get(Int.self, at: "page")) ?? 1
    let model = try await req.cases.messagesPage(page: page, by: try await req.actor())
    return MessagesPage(
      layout: req.layout(
        "Your messages" + (model.page > 1 ? ", page \(model.page)" : ""),
        crumbs: [.init(label: "Home", url: .home)]),
      model: model
    ).response()
  }
}
