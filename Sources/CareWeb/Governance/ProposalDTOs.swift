import CareCases
import CareCore
import Vapor

extension DTO {
  struct ProposalIn: Content {
    let title: String
    let text: String
    let kind: String
    let share: String?
    let quorum: Int?
    let closesOn: String
    /// For an election: the seats, and the members standing (in ballot order).
    let seats: Int?
    let candidates: [String]?
    /// For an election that fills a hat: the hat and the last day of the term.
    let hatID: String?
    let termEnd: String?
    /// Settings it changes if it passes (each a whole number), and the day they take effect.
    let changes: [String: Int]?
    let takesEffect: String?
    /// For a time poll: the times offered, and how long the meeting is (default 60 minutes).
    let times: [TimeIn]?
    let meetingMinutes: Int?
    /// Put to one circle (its id); absent or null: the whole co-op.
    let circle: String?
    /// A question to one person's team (the person's id).
    let team: String?
    /// A hat's new definition if it passes, from `takesEffect`.
    let hatDefinition: HatDefinitionIn?
  }

  struct HatDefinitionIn: Content {
    let hatID: String
    let purpose: String
    let accountabilities: [String]?
  }

  struct HatDefinitionOut: Content {
    let hatID: String
    let purpose: String
    let accountabilities: [String]
    init(_ r: HatRedefinition) {
      (hatID, purpose, accountabilities) = (
        r.hatID.description, r.definition.purpose, r.definition.accountabilities
      )
    }
  }

  struct BallotIn: Content {
    /// Candidate numbers, first choice first.
    let ranking: [Int]
    /// To change a ballot: the code given when it went in.
    let code: String?
  }

  struct BallotOut: Content {
    /// Shown once: it changes the ballot until the poll closes.
    let code: String
  }

  struct EnteredBallotIn: Content {
    let memberID: String
    let ranking: [Int]
    /// `postal` or `proxy`.
    let way: String
  }

  struct CandidateOut: Content {
    let number: Int
    let memberID: String
    let name: String
  }

  struct VoteIn: Content {
    let choice: String
    let reason: String?
  }

  struct EnteredVoteIn: Content {
    let memberID: String
    let choice: String
    let reason: String?
    /// `postal` or `proxy`.
    let way: String
  }

  struct ProposalOut: Content {
    let id: String
    let title: String
    let text: String
    let kind: String
    let share: String
    let quorum: Int
    let opensAt: Date
    let closesAt: Date
    let createdBy: String
    let result: ResultOut?
    /// Each member's answer as it stands (on one proposal's read only; never for a secret ballot).
    let answers: [VoteOut]?
    /// Whether it is a secret ballot; an election's seats and candidates.
    let secret: Bool
    let seats: Int?
    let candidates: [CandidateOut]?
    /// The hat an election fills, and the last day of its term.
    let hatID: String?
    let termEnd: String?
    /// What it changes if it passes, and from when.
    let changes: [String: Int]?
    let takesEffect: String?
    /// A time poll's times.
    let times: [TimeOut]?
    /// The circle it is put to (absent: the whole co-op).
    let circle: String?
    /// The person whose team it is put to (absent: not a team's question).
    let team: String?
    /// The hat it gives a new definition if it passes.
    let hatDefinition: HatDefinitionOut?

    init(_ p: Proposal, answers: [Vote]?) {
      hatDefinition = p.redefinesHat.map(HatDefinitionOut.init)
      circle = p.circleID?.description
      team = p.teamPersonID?.description
      times = p.kind == .timePoll ? p.times.map(TimeOut.init) : nil
      changes =
        p.changes.isEmpty
        ? nil : Dictionary(uniqueKeysWithValues: p.changes.map { ($0.setting.rawValue, $0.value) })
      takesEffect = p.takesEffect?.iso
      secret = p.kind.isSecret
      seats = p.election?.seats
      (hatID, termEnd) = (p.election?.hat?.hatID.description, p.election?.hat?.termEnd.iso)
      candidates = p.election?.candidates.map {
        CandidateOut(number: $0.number, memberID: $0.accountID.description, name: $0.name)
      }
      (id, title, text, kind, share, quorum) = (
        p.id.description, p.title, p.text, p.kind.rawValue, p.share.rawValue, p.quorum
      )
      (opensAt, closesAt, createdBy) = (p.opensAt, p.closesAt, p.createdBy.description)
      result = p.result.map(ResultOut.init)
      self.answers = answers?.map(VoteOut.init)
    }
  }

  struct ResultOut: Content {
    let outcome: String
    let tally: [String: Int]
    let turnout: Int
    let countedAt: Date
    /// An election's candidate numbers elected, in order.
    let elected: [Int]
    /// A time poll's time chosen (its number).
    let chosenTime: Int?

    init(_ r: ProposalResult) {
      (outcome, turnout, countedAt, elected, chosenTime) = (
        r.outcome.rawValue, r.turnout, r.countedAt, r.elected, r.chosenTime
      )
      tally = Dictionary(uniqueKeysWithValues: r.tally.map { ($0.key.rawValue, $0.value) })
    }
  }

  struct VoteOut: Content {
    let voterID: String
    let choice: String
    let reason: String
    let way: String
    let enteredBy: String?
    let at: Date

    init(_ v: Vote) {
      (voterID, choice, reason, at) = (v.voterID.description, v.choice.rawValue, v.reason, v.at)
      (way, enteredBy) = (v.way.rawValue, v.enteredBy?.description)
    }
  }

  struct RecountOut: Content {
    let kept: ResultOut
    let again: ResultOut
    let agrees: Bool
    /// A secret ballot's ballots (candidate numbers, first choice first), in no one's order.
    let ballots: [[Int]]?

    init(_ r: Recount) {
      (kept, again, agrees, ballots) = (ResultOut(r.kept), ResultOut(r.again), r.agrees, r.ballots)
    }
  }
}

extension DTO {
  struct TimeIn: Content {
    /// YYYY-MM-DD, after the poll's last day.
    let day: String
    /// HH:MM, London time.
    let start: String
  }

  struct TimeOut: Content {
    let number: Int
    let day: String
    let start: String
    let minutes: Int

    init(_ t: MeetingTime) {
      (number, day, start, minutes) = (t.number, t.day.iso, CoopCalendar.clockText(t.start), t.minutes)
    }
  }

  struct TimePollAnswersIn: Content {
    /// One answer a time offered, in order: yes, if-need-be or no.
    let answers: [String?]
  }

  struct EnteredTimesIn: Content {
    let memberID: String
    let answers: [String?]
    /// `postal` or `proxy`.
    let way: String
  }

  struct TimeAnswersOut: Content {
    let voterID: String
    let answers: [String]
    let way: String
    let enteredBy: String?
    let at: Date

    init(_ a: TimeAnswers) {
      (voterID, answers, way, enteredBy, at) = (
        a.voterID.description, a.answers.map(\.rawValue), a.way.rawValue, a.enteredBy?.description, a.at
      )
    }
  }
}
