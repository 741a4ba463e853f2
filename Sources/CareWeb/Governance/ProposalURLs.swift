import CareCore

/// The parts of a proposal's address (`/proposals/:proposalID/<part>`), on the site and in the API.
enum ProposalPart: String, Hashable, Sendable, CaseIterable {
  /// An open answer (POST).
  case votes
  /// A postal or proxy answer entered for a member by a hat holder (POST).
  case enteredVotes = "entered-votes"
  /// A secret ballot, or one changed with its code (POST).
  case ballots
  /// A postal or proxy ballot entered for a member by a hat holder (POST).
  case enteredBallots = "entered-ballots"
  /// A closed poll counted again (GET).
  case recount
  /// The ballot paper, to print and post to a member who votes by post (GET).
  case ballotPaper = "ballot-paper"
  /// A member's answers to a time poll (POST); postal or proxy answers entered for a member (POST).
  case times
  case enteredTimes = "entered-times"
}

extension SiteURL {
  static func proposalVotes(_ id: Parameter<ID<Proposal>>) -> SiteURL { .proposalPart(id, .votes) }
  static func proposalEnteredVotes(_ id: Parameter<ID<Proposal>>) -> SiteURL { .proposalPart(id, .enteredVotes) }
  static func proposalBallots(_ id: Parameter<ID<Proposal>>) -> SiteURL { .proposalPart(id, .ballots) }
  static func proposalEnteredBallots(_ id: Parameter<ID<Proposal>>) -> SiteURL { .proposalPart(id, .enteredBallots) }
  static func proposalRecount(_ id: Parameter<ID<Proposal>>) -> SiteURL { .proposalPart(id, .recount) }
  static func proposalBallotPaper(_ id: Parameter<ID<Proposal>>) -> SiteURL { .proposalPart(id, .ballotPaper) }
  static func proposalTimes(_ id: Parameter<ID<Proposal>>) -> SiteURL { .proposalPart(id, .times) }
  static func proposalEnteredTimes(_ id: Parameter<ID<Proposal>>) -> SiteURL { .proposalPart(id, .enteredTimes) }
}

extension SiteURL.API {
  static func proposalVotes(_ id: Parameter<ID<Proposal>>) -> Self { .proposalPart(id, .votes) }
  static func proposalEnteredVotes(_ id: Parameter<ID<Proposal>>) -> Self { .proposalPart(id, .enteredVotes) }
  static func proposalBallots(_ id: Parameter<ID<Proposal>>) -> Self { .proposalPart(id, .ballots) }
  static func proposalEnteredBallots(_ id: Parameter<ID<Proposal>>) -> Self { .proposalPart(id, .enteredBallots) }
  static func proposalRecount(_ id: Parameter<ID<Proposal>>) -> Self { .proposalPart(id, .recount) }
  static func proposalTimes(_ id: Parameter<ID<Proposal>>) -> Self { .proposalPart(id, .times) }
  static func proposalEnteredTimes(_ id: Parameter<ID<Proposal>>) -> Self { .proposalPart(id, .enteredTimes) }
}
