import Foundation

/// The sections of a support plan, in the order the plan is read: it opens with what the person can do and
/// wants, not with tasks and risks. Each is written with the person, in their words.
public enum PlanSection: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
  case strengths, goals
  case aboutMe = "about-me"
  case whatMatters = "what-matters"
  case network
  case goodAndBadDays = "days"
  case howToSupport = "how-to-support"
  case risks

  /// The heading, in the person's voice.
  public var title: String {
    switch self {
    case .strengths: "My strengths and what I can do"
    case .goals: "My goals for living life well"
    case .aboutMe: "About me"
    case .whatMatters: "What matters to me"
    case .network: "My network: people and places"
    case .goodAndBadDays: "A good day and a bad day"
    case .howToSupport: "How to support me"
    case .risks: "Risks I choose to take, and how we manage them"
    }
  }

  /// The heading in Easy Read: a few short words.
  public var easyTitle: String {
    switch self {
    case .strengths: "What I am good at"
    case .goals: "What I want to do"
    case .aboutMe: "About me"
    case .whatMatters: "What matters to me"
    case .network: "My people and places"
    case .goodAndBadDays: "Good days and bad days"
    case .howToSupport: "How to help me"
    case .risks: "Risks I choose"
    }
  }

  /// What the section asks, to help whoever writes it with the person.
  public var prompt: String {
    switch self {
    case .strengths: "What are you good at? What do people like about you? What can you do for yourself?"
    case .goals: "What would you like to do, learn or change? What small steps would get you there?"
    case .aboutMe: "Who are you? Where do you live, what do you like to be called, what is your story?"
    case .whatMatters: "What is important to you, day to day and in your life?"
    case .network: "Who are the people and places in your life, paid or not? Who helps with what?"
    case .goodAndBadDays: "What makes a good day? What makes a bad day, and what helps then?"
    case .howToSupport:
      "Your routines, how you communicate, what people should always do, and never do, when they support you."
    case .risks: "Which risks do you choose to take? How have we agreed to manage them together?"
    }
  }

  public var description: String { rawValue }

  /// The longest a section may be, in characters.
  public static let maxLength = 4_000
}

/// A change to one section of the person's plan: proposed by someone in the team (the person's and their
/// arranger's own changes count at once), then accepted, accepted with changes, or declined by the person
/// or their arranger. Never edited: each answer is a new row, each accepted text a new version.
public struct PlanChange: Sendable, Hashable, Identifiable {
  public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
    /// Waiting for the person's (or arranger's) answer.
    case waiting
    /// Agreed as proposed.
    case accepted
    /// Agreed with the person's own changes to the words.
    case changed
    /// Not agreed.
    case declined
    /// Another change was agreed to the section first: this one was written against older words.
    case overtaken
  }

  public let id: ID<PlanChange>
  public let personID: ID<Person>
  public let section: PlanSection
  /// The section's version the proposer started from (0: the section was empty).
  public let basedOn: Int
  public let text: String
  /// Why, in a line (optional).
  public let note: String
  public let proposedBy: ID<Account>
  public let proposedAt: Date
  public let status: Status
  public let answeredBy: ID<Account>?
  public let answeredAt: Date?
  /// The words agreed, when the person changed them.
  public let agreedText: String?
  /// The version it became, when agreed.
  public let version: Int?

  public init(
    id: ID<PlanChange>, personID: ID<Person>, section: PlanSection, basedOn: Int, text: String, note: String,
    proposedBy: ID<Account>, proposedAt: Date, status: Status, answeredBy: ID<Account>?, answeredAt: Date?,
    agreedText: String?, version: Int?
  ) {
    (self.id, self.personID, self.section, self.basedOn, self.text, self.note) = (
      id, personID, section, basedOn, text, note
    )
    (self.proposedBy, self.proposedAt, self.status, self.answeredBy, self.answeredAt) = (
      proposedBy, proposedAt, status, answeredBy, answeredAt
    )
    (self.agreedText, self.version) = (agreedText, version)
  }

  /// The words the section has from this change on, when agreed.
  public var agreedWords: String? {
    switch status {
    case .accepted: text
    case .changed: agreedText
    default: nil
    }
  }
}

/// One section as it stands: its latest agreed version (nil: not written yet) and the changes waiting.
public struct PlanSectionState: Sendable, Hashable {
  public let section: PlanSection
  public let version: Int
  public let text: String
  public let agreedAt: Date?
  public let waiting: [PlanChange]

  public init(section: PlanSection, version: Int, text: String, agreedAt: Date?, waiting: [PlanChange]) {
    (self.section, self.version, self.text, self.agreedAt, self.waiting) = (
      section, version, text, agreedAt, waiting
    )
  }
}

/// The person's plan: every section in reading order, and every change ever proposed, newest first.
public struct SupportPlan: Sendable, Hashable {
  public let personID: ID<Person>
  public let sections: [PlanSectionState]
  public let history: [PlanChange]

  public init(personID: ID<Person>, changes: [PlanChange]) {
    self.personID = personID
    let ordered = changes.sorted { ($0.proposedAt, $0.id.description) < ($1.proposedAt, $1.id.description) }
    sections = PlanSection.allCases.map { section in
      let mine = ordered.filter { $0.section == section }
      let agreed = mine.filter { $0.version != nil }.max { $0.version! < $1.version! }
      return PlanSectionState(
        section: section, version: agreed?.version ?? 0, text: agreed?.agreedWords ?? "", agreedAt: agreed?.answeredAt,
        waiting: mine.filter { $0.status == .waiting })
    }
    history = ordered.reversed()
  }

  public func section(_ section: PlanSection) -> PlanSectionState {
    sections.first { $0.section == section }!
  }
}

/// What a proposal says, checked: the section's new words (not empty, not over the limit) and a note.
public struct PlanProposal: Sendable, Hashable {
  public let section: PlanSection
  public let basedOn: Int
  public let text: String
  public let note: String

  public static func validated(section: String?, basedOn: Int?, text: String?, note: String?) throws -> PlanProposal {
    var v = Validator()
    let section = section.flatMap(PlanSection.init(rawValue:))
    if section == nil { v.add("section", "Choose a section of the plan") }
    if (basedOn ?? -1) < 0 { v.add("basedOn", "Say which version of the section the change starts from") }
    let text = v.text(
      text, field: "text", label: "the words for this section", max: PlanSection.maxLength, multiline: true)
    let note = v.text(note, field: "note", label: "the note", required: false, max: 200)
    try v.check()
    return PlanProposal(section: section!, basedOn: basedOn!, text: text, note: note)
  }
}
