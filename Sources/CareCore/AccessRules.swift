/// The one place that answers "may this member do this to that?". Pure: the store loads the facts,
/// the web edge turns the answer into 404 or 403.
public enum AccessPolicy {
  public static func decide(_ actor: Requester, _ action: Action) -> Decision {
    switch action {
    case .viewTeam(let team):
      guard actor.coopID == team.coopID else { return .notFound }
      return canSeeTeam(actor, team) ? .allowed : .notFound

    case .viewWhoLooked(let team):
      guard actor.coopID == team.coopID else { return .notFound }
      // The person and whoever acts for them; the hats that answer for safety and inspection.
      let mayRead =
        actor.account.id == team.personAccountID || team.activeMembers[actor.account.id] == true
        || actor.wears(.safeguardingLead, in: team.circleID) || actor.wears(.registeredManager)
        || actor.account.isAdministrator
      if mayRead { return .allowed }
      return canSeeTeam(actor, team) ? .forbidden : .notFound

    case .changeTeam(let team):
      guard actor.coopID == team.coopID else { return .notFound }
      // The person owns their team; an arranger acts for them. Nobody else changes it, except over a
      // safeguarding override in force (every use of it is logged).
      if actor.account.id == team.personAccountID { return .allowed }
      if team.activeMembers[actor.account.id] == true { return .allowed(onBehalfOf: team.personID) }
      if actor.override(for: team.personID, reaching: .team) != nil { return .allowed }
      return canSeeTeam(actor, team) ? .forbidden : .notFound

    case .changePersonDetails(let team):
      guard actor.coopID == team.coopID else { return .notFound }
      // The person and their arranger; administrators and onboarding, who placed them in a circle.
      if actor.account.id == team.personAccountID { return .allowed }
      if team.activeMembers[actor.account.id] == true { return .allowed(onBehalfOf: team.personID) }
      if actor.account.isAdministrator || actor.wears(.onboarding) { return .allowed }
      return canSeeTeam(actor, team) ? .forbidden : .notFound

    case .proposePattern(let team):
      guard actor.coopID == team.coopID else { return .notFound }
      // Anyone in the team may propose; so may the circle's rota keeper and administrators. It counts only
      // once the person or their arranger agrees.
      if actor.account.id == team.personAccountID { return .allowed }
      if let isArranger = team.activeMembers[actor.account.id] {
        return isArranger ? .allowed(onBehalfOf: team.personID) : .allowed
      }
      if actor.wears(.rotaKeeper, in: team.circleID) || actor.account.isAdministrator { return .allowed }
      return canSeeTeam(actor, team) ? .forbidden : .notFound

    case .answerPattern(let team):
      guard actor.coopID == team.coopID else { return .notFound }
      // The team's final say: the person, or their arranger for them. Nobody else, except over a
      // safeguarding override in force.
      if actor.account.id == team.personAccountID { return .allowed }
      if team.activeMembers[actor.account.id] == true { return .allowed(onBehalfOf: team.personID) }
      if actor.override(for: team.personID, reaching: .visits) != nil { return .allowed }
      return canSeeTeam(actor, team) ? .forbidden : .notFound

    case .overrideSafeguarding(let team):
      guard actor.coopID == team.coopID else { return .notFound }
      // Those who answer for safety: the circle's safeguarding lead, the registered manager.
      if actor.wears(.safeguardingLead, in: team.circleID) || actor.wears(.registeredManager) { return .allowed }
      return canSeeTeam(actor, team) ? .forbidden : .notFound

    case .reviewOverride(let team, let holder):
      guard actor.coopID == team.coopID else { return .notFound }
      // A second pair of eyes: another who answers for safety, never the one who acted.
      let answers = actor.wears(.safeguardingLead, in: team.circleID) || actor.wears(.registeredManager)
      if answers && actor.account.id != holder { return .allowed }
      return canSeeTeam(actor, team) ? .forbidden : .notFound

    case .changeHome(let team):
      guard actor.coopID == team.coopID else { return .notFound }
      // The person and their arranger; the circle's rota keeper and administrators, who enter positions.
      if actor.account.id == team.personAccountID { return .allowed }
      if team.activeMembers[actor.account.id] == true { return .allowed(onBehalfOf: team.personID) }
      if actor.wears(.rotaKeeper, in: team.circleID) || actor.account.isAdministrator { return .allowed }
      return canSeeTeam(actor, team) ? .forbidden : .notFound

    case .respondToInvitation(let team):
      guard actor.coopID == team.coopID else { return .notFound }
      return team.invitedMembers.contains(actor.account.id) ? .allowed : .notFound

    case .createPerson(let coop):
      guard actor.coopID == coop else { return .notFound }
      return actor.account.isAdministrator || actor.wears(.onboarding) ? .allowed : .forbidden

    case .viewCircle(let coop), .viewHats(let coop):
      // Circles are open networks: anyone in the co-op may see them and who wears which hat.
      return actor.coopID == coop ? .allowed : .notFound

    case .manageCircles(let coop), .handOverHat(let coop), .changeMemberRegister(let coop):
      guard actor.coopID == coop else { return .notFound }
      return actor.account.isAdministrator ? .allowed : .forbidden

    case .joinOrLeaveCircle(let coop):
      guard actor.coopID == coop else { return .notFound }
      return actor.memberClass == .worker ? .allowed : .forbidden

    case .planWeek(let coop, let circle):
      guard actor.coopID == coop else { return .notFound }
      // The circle's rota keeper, and administrators.
      return actor.wears(.rotaKeeper, in: circle) || actor.account.isAdministrator ? .allowed : .forbidden

    case .askCover(let coop, let circle, let worker):
      guard actor.coopID == coop else { return .notFound }
      // The worker themselves, or the circle's rota keeper (or an administrator) for them.
      return actor.account.id == worker || actor.wears(.rotaKeeper, in: circle) || actor.account.isAdministrator
        ? .allowed : .forbidden

    case .changeConsentZone(let coop, let worker):
      guard actor.coopID == coop else { return .notFound }
      // Kept by the worker: nobody else says what someone agrees to do.
      return actor.account.id == worker ? .allowed : .forbidden

    case .answerCover(let coop, let worker):
      guard actor.coopID == coop else { return .notFound }
      // Only the worker an offer was made to answers it: nobody accepts work for someone else.
      return actor.account.id == worker ? .allowed : .forbidden

    case .viewEngagement(let coop, let worker):
      guard actor.coopID == coop else { return .notFound }
      return actor.account.id == worker || actor.account.isAdministrator || actor.wears(.finance)
        ? .allowed : .forbidden

    case .recordVisit(let visit):
      let team = visit.team
      guard actor.coopID == team.coopID else { return .notFound }
      // Its own workers write a visit's record, once it is published; nobody writes for them.
      if visit.isPublished, visit.workers.contains(actor.account.id) { return .allowed }
      return canSeeTeam(actor, team) ? .forbidden : .notFound

    case .readBeforeVisit(let visit, let underWay):
      let team = visit.team
      guard actor.coopID == team.coopID else { return .notFound }
      // A published visit's own workers, before going in: in the team whenever; covering from outside it,
      // only while the visit is under way (the person's records are not theirs to read at home).
      if visit.isPublished, visit.workers.contains(actor.account.id),
        team.activeMembers[actor.account.id] != nil || underWay
      {
        return .allowed
      }
      return canSeeTeam(actor, team) ? .forbidden : .notFound

    case .viewRecords(let team):
      guard actor.coopID == team.coopID else { return .notFound }
      // The person and their team (how much each sees: `RecordView`), the registered manager and the circle's
      // safeguarding lead (the regulator inspects through them). Not the rota keeper, not administrators.
      if actor.account.id == team.personAccountID || team.activeMembers[actor.account.id] != nil
        || actor.wears(.registeredManager) || actor.wears(.safeguardingLead, in: team.circleID)
      {
        return .allowed
      }
      return canSeeTeam(actor, team) ? .forbidden : .notFound

    case .confirmVisitTimes(let team):
      guard actor.coopID == team.coopID else { return .notFound }
      // The person's say, or their arranger's for them: nobody else confirms the hours they were given.
      if actor.account.id == team.personAccountID { return .allowed }
      if team.activeMembers[actor.account.id] == true { return .allowed(onBehalfOf: team.personID) }
      return canSeeTeam(actor, team) ? .forbidden : .notFound

    case .viewPlan(let team), .proposePlanChange(let team), .answerPlanChange(let team):
      // The plan is the team's to read and add to, and the person's to agree, as the medicines are.
      let same: Action =
        switch action {
        case .viewPlan: .viewMedicines(team)
        case .proposePlanChange: .proposeMedicine(team)
        default: .answerMedicine(team)
        }
      return decide(actor, same)

    case .viewMedicines(let team):
      guard actor.coopID == team.coopID else { return .notFound }
      // Everyone in the team needs to know what the person takes (family often give it too); the
      // registered manager and the circle's safeguarding lead answer for it. Not the rota keeper.
      if actor.account.id == team.personAccountID || team.activeMembers[actor.account.id] != nil
        || actor.wears(.registeredManager) || actor.wears(.safeguardingLead, in: team.circleID)
      {
        return .allowed
      }
      return canSeeTeam(actor, team) ? .forbidden : .notFound

    case .proposeMedicine(let team):
      guard actor.coopID == team.coopID else { return .notFound }
      // Anyone in the team, and the registered manager; it counts once the person or their arranger agrees
      // (their own proposals count at once).
      if actor.account.id == team.personAccountID { return .allowed }
      if let isArranger = team.activeMembers[actor.account.id] {
        return isArranger ? .allowed(onBehalfOf: team.personID) : .allowed
      }
      if actor.wears(.registeredManager) { return .allowed }
      return canSeeTeam(actor, team) ? .forbidden : .notFound

    case .changeRecordSettings(let team):
      guard actor.coopID == team.coopID else { return .notFound }
      // The person's own say about their records, or their arranger's for them.
      if actor.account.id == team.personAccountID { return .allowed }
      if team.activeMembers[actor.account.id] == true { return .allowed(onBehalfOf: team.personID) }
      return canSeeTeam(actor, team) ? .forbidden : .notFound

    case .answerMedicine(let team):
      guard actor.coopID == team.coopID else { return .notFound }
      // The person's say, or their arranger's for them.
      if actor.account.id == team.personAccountID { return .allowed }
      if team.activeMembers[actor.account.id] == true { return .allowed(onBehalfOf: team.personID) }
      return canSeeTeam(actor, team) ? .forbidden : .notFound

    case .viewMedia(let team):
      guard actor.coopID == team.coopID else { return .notFound }
      // As the records; each item's own audience (the person's say) narrows it further in the use case.
      if actor.account.id == team.personAccountID || team.activeMembers[actor.account.id] != nil
        || actor.wears(.registeredManager) || actor.wears(.safeguardingLead, in: team.circleID)
      {
        return .allowed
      }
      return canSeeTeam(actor, team) ? .forbidden : .notFound

    case .addMedia(let team):
      guard actor.coopID == team.coopID else { return .notFound }
      // The person and anyone in their team; it is kept only under the person's consent.
      if actor.account.id == team.personAccountID { return .allowed }
      if let isArranger = team.activeMembers[actor.account.id] {
        return isArranger ? .allowed(onBehalfOf: team.personID) : .allowed
      }
      return canSeeTeam(actor, team) ? .forbidden : .notFound

    case .changeMediaConsent(let team):
      guard actor.coopID == team.coopID else { return .notFound }
      // Consent is the person's, or their arranger's for them.
      if actor.account.id == team.personAccountID { return .allowed }
      if team.activeMembers[actor.account.id] == true { return .allowed(onBehalfOf: team.personID) }
      return canSeeTeam(actor, team) ? .forbidden : .notFound

    case .viewDocuments(let team), .addDocument(let team), .changeDocumentSharing(let team):
      // Documents are read as the media are (each document's visibility, the person's say, narrows the list
      // in the use case), added by anyone in the team or the registered manager as a change to the medicines
      // is proposed, and who sees them is the person's say as their team is (an override may too, logged).
      let same: Action =
        switch action {
        case .viewDocuments: .viewMedia(team)
        case .addDocument: .proposeMedicine(team)
        default: .changeTeam(team)
        }
      return decide(actor, same)

    case .viewHours(let team):
      guard actor.coopID == team.coopID else { return .notFound }
      // The person's hours are the team's to plan with; the rota keeper keeps the week within them.
      if actor.account.id == team.personAccountID || team.activeMembers[actor.account.id] != nil
        || actor.wears(.rotaKeeper, in: team.circleID) || actor.wears(.registeredManager) || actor.wears(.finance)
      {
        return .allowed
      }
      return canSeeTeam(actor, team) ? .forbidden : .notFound

    case .changeHours(let team):
      guard actor.coopID == team.coopID else { return .notFound }
      // Hours belong to the person: banking and drawing are their choice, or their arranger's for them.
      if actor.account.id == team.personAccountID { return .allowed }
      if team.activeMembers[actor.account.id] == true { return .allowed(onBehalfOf: team.personID) }
      return canSeeTeam(actor, team) || actor.wears(.finance) ? .forbidden : .notFound

    case .choosePayments(let team):
      guard actor.coopID == team.coopID else { return .notFound }
      // How the person pays towards their care is theirs to choose, or their arranger's for them.
      if actor.account.id == team.personAccountID { return .allowed }
      if team.activeMembers[actor.account.id] == true { return .allowed(onBehalfOf: team.personID) }
      return canSeeTeam(actor, team) || actor.wears(.finance) ? .forbidden : .notFound

    case .viewMoney(let team):
      guard actor.coopID == team.coopID else { return .notFound }
      // Money: the person, their arranger and the co-op's finance hat only.
      if actor.account.id == team.personAccountID || team.activeMembers[actor.account.id] == true
        || actor.wears(.finance)
      {
        return .allowed
      }
      return canSeeTeam(actor, team) ? .forbidden : .notFound

    case .manageFunding(let team):
      guard actor.coopID == team.coopID else { return .notFound }
      // The finance hat records what the funder agreed; the person and team see it on the hours page.
      if actor.wears(.finance) { return .allowed }
      return canSeeTeam(actor, team) ? .forbidden : .notFound

    case .viewLibrary(let coop):
      // Policies, guidance and minutes are the co-op's own: anyone in it reads the shelves (minutes for
      // members only are held back from the rest in the use case, as if they did not exist).
      return actor.coopID == coop ? .allowed : .notFound

    case .addToLibrary(let coop, let circle):
      guard actor.coopID == coop else { return .notFound }
      if actor.account.isAdministrator || actor.wears(.registeredManager) { return .allowed }
      guard let circle else { return .forbidden }
      // A circle's shelf: its workers and the hats that keep it.
      let keepsIt = actor.wears(.rotaKeeper, in: circle) || actor.wears(.safeguardingLead, in: circle)
      return actor.circleIDs.contains(circle) || keepsIt ? .allowed : .forbidden

    case .viewProposals(let coop):
      // The co-op's decisions are open to everyone in it.
      return actor.coopID == coop ? .allowed : .notFound

    case .propose(let coop):
      guard actor.coopID == coop else { return .notFound }
      return actor.memberClass != nil || actor.account.isAdministrator ? .allowed : .forbidden

    case .vote(let coop):
      guard actor.coopID == coop else { return .notFound }
      // One member, one vote: members only (an administrator who is not a member proposes but does not vote).
      return actor.memberClass != nil ? .allowed : .forbidden

    case .enterVotes(let coop), .runMeetings(let coop):
      guard actor.coopID == coop else { return .notFound }
      let keepsInTouch = actor.wears(.registeredManager) || actor.wears(.onboarding)
      return actor.account.isAdministrator || keepsInTouch ? .allowed : .forbidden

    case .raiseConcern(let coop):
      // Anyone in the co-op may say something is wrong, suggest or thank.
      return actor.coopID == coop ? .allowed : .notFound

    case .viewQuality(let coop):
      // Figures without names: the co-op's own, open to everyone in it.
      return actor.coopID == coop ? .allowed : .notFound

    case .setTeamSay(let team):
      guard actor.coopID == team.coopID else { return .notFound }
      // How the person's team decides is the person's to set, or their arranger's for them. An override does
      // not reach it.
      if actor.account.id == team.personAccountID { return .allowed }
      if team.activeMembers[actor.account.id] == true { return .allowed(onBehalfOf: team.personID) }
      return canSeeTeam(actor, team) ? .forbidden : .notFound

    case .weighIn(let team):
      guard actor.coopID == team.coopID else { return .notFound }
      // The person and everyone active in their team answer for themselves (which answers count is the
      // team's say: `TeamDecision.choices`).
      if actor.account.id == team.personAccountID || team.activeMembers[actor.account.id] != nil { return .allowed }
      return canSeeTeam(actor, team) ? .forbidden : .notFound

    case .approveHandover(let coop, let askedBy, let to):
      guard actor.coopID == coop else { return .notFound }
      // A second pair of eyes: an administrator or a privileged hat holder, never the asker nor the one named.
      let holds = actor.account.isAdministrator || actor.hats.contains { $0.kind.isPrivileged && actor.usable($0.kind) }
      return holds && actor.account.id != askedBy && actor.account.id != to ? .allowed : .forbidden

    case .handleConcerns(let coop):
      guard actor.coopID == coop else { return .notFound }
      return actor.account.isAdministrator || actor.wears(.registeredManager) ? .allowed : .forbidden

    case .invoice(let coop):
      guard actor.coopID == coop else { return .notFound }
      // Invoices name every person a funder pays for: the finance hat alone.
      return actor.wears(.finance) ? .allowed : .forbidden

    case .runPay(let coop):
      guard actor.coopID == coop else { return .notFound }
      // Every worker's pay: the finance hat alone.
      return actor.wears(.finance) ? .allowed : .forbidden

    case .viewPay(let coop, let worker):
      guard actor.coopID == coop else { return .notFound }
      // A worker sees only their own pay; the finance hat sees everyone's.
      return actor.account.id == worker || actor.wears(.finance) ? .allowed : .forbidden

    case .choosePay(let coop, let worker):
      guard actor.coopID == coop else { return .notFound }
      // How a worker is paid is theirs to choose: not even the finance hat chooses for them.
      return actor.account.id == worker ? .allowed : .forbidden

    case .changeEngagement(let coop):
      guard actor.coopID == coop else { return .notFound }
      return actor.account.isAdministrator || actor.wears(.finance) ? .allowed : .forbidden

    case .viewMemberRegister(let coop):
      guard actor.coopID == coop else { return .notFound }
      let mayRead =
        actor.account.isAdministrator || actor.wears(.finance) || actor.wears(.registeredManager)
      return mayRead ? .allowed : .forbidden
    }
  }

  /// The person, their team, the hats that need to (rota keeper and safeguarding lead of the
  /// team's circle, the registered manager) and administrators. Nobody else sees a person's team.
  static func canSeeTeam(_ actor: Requester, _ team: TeamFacts) -> Bool {
    actor.account.id == team.personAccountID
      || team.activeMembers[actor.account.id] != nil
      || actor.wears(.rotaKeeper, in: team.circleID)
      || actor.wears(.safeguardingLead, in: team.circleID)
      || actor.wears(.registeredManager)
      || actor.account.isAdministrator
  }
}
