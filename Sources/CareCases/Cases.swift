import CareCore
import CareStore
import Foundation

/// The use cases: every command and every page model, each one function that takes the requester and the
/// input, asks the access policy, does the store work and writes the audit line. Pages and the API call
/// these and only render what comes back, so the two cannot disagree about who may do what.
///
/// This target imports neither Vapor nor Fluent; its tests run on SQLite and PostgreSQL without HTTP.
/// One folder per capability (accounts, people, teams, circles, members, hats, audit, home), one
/// extension of `Cases` each.
public struct Cases: Sendable {
  public let store: Store
  public let effects: Effects
  public let passwords: any PasswordHashing
  public let mailer: any Mailer
  public let links: Links
  /// Uploaded files (visit videos, documents): a folder on disk, or a test's own folder.
  public let files: any FileStorage
  /// How long (or how many moves) the rota engine searches for a week's plan.
  public let weekSearch: WeekSearch

  public init(
    store: Store, effects: Effects, passwords: any PasswordHashing, mailer: any Mailer, links: Links,
    files: any FileStorage, weekSearch: WeekSearch = WeekSearch()
  ) {
    self.weekSearch = weekSearch
    self.store = store
    self.effects = effects
    self.passwords = passwords
    self.mailer = mailer
    self.links = links
    self.files = files
  }

  /// The co-op's day now (Europe/London), not the UTC day.
  public var today: Day { CoopCalendar.london.day(of: effects.now()) }

  /// Asks the policy; refused actions throw `forbidden` or `notFound` as the policy says.
  @discardableResult
  func require(_ requester: Requester, _ action: Action) throws -> ID<Person>? {
    try AccessPolicy.decide(requester, action).require()
  }

  func allows(_ requester: Requester, _ action: Action) -> Bool {
    AccessPolicy.decide(requester, action).isAllowed
  }
}

/// Sends email. The web target gives a real transport (SMTP) or one that writes to the log; tests keep what
/// was sent. A failure throws: mail sent from a job is tried again later.
public protocol Mailer: Sendable {
  func send(to: String, subject: String, body: String) async throws
}

/// bcrypt, done where the web target says (off the event loop, at most a few at once).
public protocol PasswordHashing: Sendable {
  func hash(_ password: String) async throws -> String
  func verify(_ password: String, hash: String) async throws -> Bool
  /// Spends the time of one real check, so an unknown address cannot be told from a wrong password.
  func spendOneCheck(_ password: String) async throws
}

/// The site's own addresses, for links in mail (the web target knows its routes and public URL).
public struct Links: Sendable {
  public let passwordLink: @Sendable (_ token: String) -> String
  public let teamLink: @Sendable (_ person: ID<Person>) -> String
  public let emailConfirmLink: @Sendable (_ token: String) -> String
  /// Paths inside the site (for messages kept in the app): a person's week, and a worker's own.
  public let personWeekPath: @Sendable (_ person: ID<Person>, _ monday: Day) -> String
  public let myWeekPath: @Sendable (_ monday: Day) -> String
  /// A path inside the site as a full address, for mail.
  public let siteLink: @Sendable (_ path: String) -> String
  /// The worker's cover page: offers made to them, visits they cannot make.
  public let coverPath: @Sendable () -> String
  /// A person's support pattern (the change waiting for their answer).
  public let patternPath: @Sendable (_ person: ID<Person>) -> String
  /// A person's medicines (a change waiting for their answer), and a visit's record (a dose not taken).
  public let medicinesPath: @Sendable (_ person: ID<Person>) -> String
  public let recordPath: @Sendable (_ visit: ID<RotaVisit>) -> String
  /// A person's photos, voice notes and videos (an item waiting for their yes).
  public let mediaPath: @Sendable (_ person: ID<Person>) -> String
  /// A person's support plan (a review coming up).
  public let planPath: @Sendable (_ person: ID<Person>) -> String
  /// A proposal put to the co-op (its result).
  public let proposalPath: @Sendable (_ proposal: ID<Proposal>) -> String
  /// A concern (nil: the list of them).
  public let concernPath: @Sendable (_ concern: ID<Concern>?) -> String
  /// How a person's team decides, and the decisions waiting.
  public let teamSayPath: @Sendable (_ person: ID<Person>) -> String
  /// A hat's page (a hand-over waiting for approval).
  public let hatPath: @Sendable (_ hat: ID<Hat>) -> String
  /// A members' meeting (its notice).
  public let meetingPath: @Sendable (_ meeting: ID<Meeting>) -> String

  public init(
    passwordLink: @escaping @Sendable (String) -> String, teamLink: @escaping @Sendable (ID<Person>) -> String,
    emailConfirmLink: @escaping @Sendable (String) -> String,
    personWeekPath: @escaping @Sendable (ID<Person>, Day) -> String,
    myWeekPath: @escaping @Sendable (Day) -> String, siteLink: @escaping @Sendable (String) -> String,
    coverPath: @escaping @Sendable () -> String, patternPath: @escaping @Sendable (ID<Person>) -> String,
    medicinesPath: @escaping @Sendable (ID<Person>) -> String,
    recordPath: @escaping @Sendable (ID<RotaVisit>) -> String,
    mediaPath: @escaping @Sendable (ID<Person>) -> String, planPath: @escaping @Sendable (ID<Person>) -> String,
    proposalPath: @escaping @Sendable (ID<Proposal>) -> String,
    concernPath: @escaping @Sendable (ID<Concern>?) -> String,
    teamSayPath: @escaping @Sendable (ID<Person>) -> String, hatPath: @escaping @Sendable (ID<Hat>) -> String,
    meetingPath: @escaping @Sendable (ID<Meeting>) -> String
  ) {
    self.meetingPath = meetingPath
    self.teamSayPath = teamSayPath
    self.hatPath = hatPath
    self.proposalPath = proposalPath
    self.concernPath = concernPath
    self.mediaPath = mediaPath
    self.planPath = planPath
    self.medicinesPath = medicinesPath
    self.recordPath = recordPath
    self.coverPath = coverPath
    self.patternPath = patternPath
    self.siteLink = siteLink
    self.passwordLink = passwordLink
    self.teamLink = teamLink
    self.emailConfirmLink = emailConfirmLink
    self.personWeekPath = personWeekPath
    self.myWeekPath = myWeekPath
  }
}

/// Links a page may show, each decided by the access policy rather than by the page.
public struct Offers: Sendable, Equatable {
  public var memberRegister = false
  public var people = false
  public var circles = false
  /// The co-op's invoices and pay (the finance hat).
  public var invoices = false
  public var any: Bool { memberRegister || people || circles || invoices }
  public init(memberRegister: Bool = false, people: Bool = false, circles: Bool = false, invoices: Bool = false) {
    self.memberRegister = memberRegister
    self.people = people
    self.circles = circles
    self.invoices = invoices
  }

  /// What the menus and home sections may offer this requester.
  public init(for requester: Requester) {
    let coop = requester.coopID
    self.init(
      memberRegister: AccessPolicy.decide(requester, .viewMemberRegister(coop: coop)).isAllowed,
      people: AccessPolicy.decide(requester, .createPerson(coop)).isAllowed,
      circles: AccessPolicy.decide(requester, .manageCircles(coop: coop)).isAllowed,
      invoices: AccessPolicy.decide(requester, .invoice(coop: coop)).isAllowed)
  }
}
