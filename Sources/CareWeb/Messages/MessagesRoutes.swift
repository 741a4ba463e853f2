import CareCases
import CareCore
import Vapor

/// The signed-in member's messages: the page (reading it marks its messages read), and the app's list (a page
/// at a time) with its own "read" mark.
enum MessagesWeb: WebCapability {
  static let openAPI: String? = "messages"

  static func pages(_ r: PageRoutes) {
    r.get(.messages(), MessagesController.show)
  }

  static func api(_ v1: APIRoutes) {
    v1.get(.messages) { req async throws -> [DTO.MessageOut] in
      let actor = try await req.actor()
      var page = 1
      if let text = req.query[String.self, at: "page"] {
        guard let number = Int(text), (1...100_000).contains(number) else {
          throw CareError.invalid("page", "A page is a whole number from 1 to 100000")
        }
        page = number
      }
      return try await req.cases.messages(page: page, by: actor).map(DTO.MessageOut.init)
    }
    v1.post(.messagesRead) { req async throws -> HTTPStatus in
      let actor = try await req.actor()
      let body = try req.decodeExactly(DTO.MessagesReadIn.self, fields: ["ids"])
      try await req.cases.markMessagesRead(body.ids, by: actor)
      return .noContent
    }
  }
}

extension DTO {
  struct MessageOut: Content {
    let id: String
    let at: Date
    let subject: String
    let body: String
    let link: String?
    let read: Bool
    init(_ m: Message) {
      (id, at, subject, body, link, read) = (m.id.description, m.at, m.subject, m.body, m.link, m.readAt != nil)
    }
  }

  /// `{"ids": ["…"]}`: 1 to 100 of the member's message ids.
  struct MessagesReadIn: Content {
    let ids: [String]?
  }
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
