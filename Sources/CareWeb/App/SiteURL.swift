import CareCases
import CareCore
import Vapor

/// Every page and form address, typed. Routes are registered from these and views link with them,
/// so a link cannot point at a page that does not exist.
enum SiteURL: Hashable {
  case home, setup, signIn, signOut, forgotPassword
  case resetPassword(token: String?)
  case health
  case people
  case team(ID<Person>)
  case teamInvite(ID<Person>)
  /// The person's circle and communication needs.
  case teamDetails(ID<Person>)
  /// Newest first, `Cases.whoLookedPerPage` lines a page; page 1 is the newest.
  case teamWhoLooked(ID<Person>, page: Int = 1)
  case teamRespond(ID<Person>)
  case teamRemove(ID<Person>, ID<TeamMembership>)
  case circles
  case circle(ID<Circle>)
  case circleJoin(ID<Circle>)
  case circleLeave(ID<Circle>)
  case members, hats
  /// A membership for someone already in the co-op.
  case memberFromAccount
  case hat(ID<Hat>)
  case hatHandover(ID<Hat>)
  case easyRead
  /// One's own account: name, e-mail address.
  case account, accountName, accountEmail
  case confirmEmail(token: String?)
  case stylesheet, script

  /// The address as a link.
  var path: String {
    "/" + segments.joined(separator: "/") + query
  }

  private var query: String {
    if case .resetPassword(let token?) = self { return "?token=\(token)" }
    if case .confirmEmail(let token?) = self { return "?token=\(token)" }
    if case .teamWhoLooked(_, let page) = self, page > 1 { return "?page=\(page)" }
    return ""
  }

  var segments: [String] {
    switch self {
    case .home: []
    case .setup: ["setup"]
    case .signIn: ["sign-in"]
    case .signOut: ["sign-out"]
    case .forgotPassword: ["forgot-password"]
    case .resetPassword: ["reset-password"]
    case .health: ["health"]
    case .people: ["people"]
    case .team(let id): ["teams", id.description]
    case .teamInvite(let id): ["teams", id.description, "invite"]
    case .teamDetails(let id): ["teams", id.description, "details"]
    case .teamWhoLooked(let id, _): ["teams", id.description, "who-looked"]
    case .teamRespond(let id): ["teams", id.description, "respond"]
    case .teamRemove(let id, let m): ["teams", id.description, "members", m.description, "remove"]
    case .circles: ["circles"]
    case .circle(let id): ["circles", id.description]
    case .circleJoin(let id): ["circles", id.description, "join"]
    case .circleLeave(let id): ["circles", id.description, "leave"]
    case .members: ["members"]
    case .memberFromAccount: ["members", "existing"]
    case .hats: ["hats"]
    case .hat(let id): ["hats", id.description]
    case .hatHandover(let id): ["hats", id.description, "hand-over"]
    case .easyRead: ["preferences", "easy-read"]
    case .account: ["account"]
    case .accountName: ["account", "name"]
    case .accountEmail: ["account", "email"]
    case .confirmEmail: ["account", "confirm-email"]
    case .stylesheet: ["static", "style.css"]
    case .script: ["static", "app.js"]
    }
  }

  /// The route pattern for registering: ids become named parameters.
  static func pattern(_ template: SiteURL) -> [PathComponent] {
    template.segments.map { segment in
      UUID(uuidString: segment) != nil ? .parameter(parameterName(template, segment)) : .constant(segment)
    }
  }

  private static func parameterName(_ template: SiteURL, _ segment: String) -> String {
    switch template {
    case .teamRemove(_, let m) where m.description == segment: "membershipID"
    default: "id"
    }
  }

  /// A template instance for route registration (the ids are placeholders).
  static let placeholder = UUID(uuidString: "00000000-0000-0000-0000-000000000001")!
  static let placeholder2 = UUID(uuidString: "00000000-0000-0000-0000-000000000002")!
}

extension Request {
  /// The `:id` of the route as a typed identifier; a malformed one is simply not found.
  func id<T>(_ type: T.Type = T.self, _ name: String = "id") throws -> ID<T> {
    guard let text = parameters.get(name), let id = ID<T>(string: text) else { throw CareError.notFound }
    return id
  }
}
