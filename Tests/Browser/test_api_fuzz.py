"""The JSON API against its own OpenAPI document: schemathesis with every check, as the administrator and as
the person supported, on a server of its own (a fresh demo co-op), with real ids to work on. Any finding
fails the test; its report lands in artifacts/browser/schemathesis-ROLE.txt."""
import os
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

import pytest

import server as server_module
from server import call

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = int(os.environ.get("CARECOOP_FUZZ_EXAMPLES", "40"))


@pytest.fixture(scope="module")
def api_server(artifacts):
    folder = artifacts / "api-fuzz"
    folder.mkdir(exist_ok=True)
    s = server_module.start(folder)
    yield s
    s.stop()


@pytest.fixture(scope="module")
def tokens(api_server):
    """Every token the runs use, taken before any fuzzing: the sign-in operation is fuzzed too, and its wrong
    guesses count against this address's limit (50 failed sign-ins in 15 minutes), past which even the right
    password waits (429), as it should."""
    return {name: token(api_server, role) for name, role in [
        ("admin", "admin"), ("person", "person"), ("throwaway-admin", "admin"), ("throwaway-person", "person")]}


def token(server, role):
    return call(server, "POST", "/api/v1/sessions",
                body={"email": server.emails[role], "password": server.password})["token"]


def schema(server, work):
    """The document as the server serves it (assembled from each capability's fragment)."""
    with urllib.request.urlopen(server.url("/api/openapi.json"), timeout=30) as response:
        path = work / "openapi.json"
        path.write_bytes(response.read())
    return path


def config(server, admin, person):
    """Real ids for the path parameters (the person's own team), so the checks reach past "not found"."""
    name = call(server, "GET", "/api/v1/me", person)["name"]
    person_id = next(p["personID"] for p in call(server, "GET", "/api/v1/people", admin) if p["name"] == name)
    members = call(server, "GET", f"/api/v1/teams/{person_id}", admin)["members"]
    circle = call(server, "GET", "/api/v1/circles", admin)[0]["id"]
    hat = call(server, "GET", "/api/v1/hats", admin)[0]["id"]
    member = call(server, "GET", "/api/v1/members", admin)[-1]["id"]
    members_account = call(server, "GET", "/api/v1/members", admin)[-1]["accountID"]
    ops = {
        "getTeam": {"id": person_id}, "changePersonDetails": {"id": person_id}, "invite": {"id": person_id}, "answerInvitation": {"id": person_id},
        "removeFromTeam": {"id": person_id, "membershipID": members[-1]["membershipID"]},
        "getCircle": {"id": circle}, "splitCircle": {"id": circle}, "joinCircle": {"id": circle}, "leaveCircle": {"id": circle},
        "getHat": {"id": hat}, "handOverHat": {"id": hat}, "changeMyConsent": {},
        "getPattern": {"id": person_id}, "proposePattern": {"id": person_id}, "getHome": {"id": person_id},
        "changeHome": {"id": person_id},
        "changeMember": {"id": member}, "changeMyEmail": {}, "listEngagements": {"id": members_account}, "startEngagement": {"id": members_account},
        "listOverrides": {"id": person_id}, "startOverride": {"id": person_id}, "endOverride": {"id": person_id},
        "reviewOverride": {"id": person_id},
    }
    # A visit of the person's this week, for its record (read by both roles; written only by its workers).
    visits = call(server, "GET", f"/api/v1/teams/{person_id}/week", admin)["visits"]
    if visits:
        ops["getVisitRecord"] = {"visitID": visits[0]["id"]}
        ops["writeVisitRecord"] = {"visitID": visits[0]["id"]}
        ops["confirmVisitTimes"] = {"visitID": visits[0]["id"]}
        ops["answerVisitTimes"] = {"visitID": visits[0]["id"]}
    # The person's medicines: one on the list (to change), and a change waiting for the person's answer.
    medicines = call(server, "GET", f"/api/v1/teams/{person_id}/medicines", admin)
    ops["listMedicines"] = {"id": person_id}
    ops["addMedicine"] = {"id": person_id}
    ops["getMedicineChart"] = {"id": person_id}
    ops["getRecordSettings"] = {"id": person_id}
    ops["getVisitHistory"] = {"id": person_id}
    ops["changeRecordSettings"] = {"id": person_id}
    if medicines["current"]:
        ops["changeMedicine"] = {"id": person_id, "medicineID": medicines["current"][0]["medicine"]}
    if medicines["waiting"]:
        ops["answerMedicineChange"] = {"id": person_id, "versionID": medicines["waiting"][0]["id"]}
    # The person's photos, voice notes and videos: the demo's photo, to read (and seek in).
    media = call(server, "GET", f"/api/v1/teams/{person_id}/media", admin)
    ops["listMedia"] = {"id": person_id}
    ops["addMedia"] = {"id": person_id}
    ops["giveMediaConsent"] = {"id": person_id}
    if media["items"]:
        ops["getMediaContent"] = {"mediaID": media["items"][0]["id"]}
    # The demo's photo of a review, waiting for the person's answer (only they and their arranger see it).
    waiting = [i for i in call(server, "GET", f"/api/v1/teams/{person_id}/media", person)["items"]
               if i["awaitingAnswer"]]
    if waiting:
        ops["answerMediaRequest"] = {"id": person_id, "mediaID": waiting[0]["id"]}
    # The person's hours: read, banked, drawn, an agreement recorded (the finance hat's; 403 for both roles).
    for op in ("getHours", "recordFunding", "bankHours", "drawHours"):
        ops[op] = {"id": person_id}
    # Undoing a banking or drawing: an entry of the person's (none such here: 404 once the permission holds).
    ops["undoHoursEntry"] = {"id": person_id, "entryID": person_id}
    # The co-op's invoices: the finance hat's alone (403 for both roles, before any id is looked up). The
    # list needs nothing set; a run's cross-field rules are below.
    ops["runInvoices"] = {}
    ops["getInvoice"] = {"id": person_id}
    ops["getInvoicePDF"] = {"id": person_id}
    ops["creditInvoice"] = {"id": person_id}
    # The person's plan: read and added to by the team; a change answered by the person (none such: 404).
    ops["getPlan"] = {"id": person_id}
    ops["proposePlanChange"] = {"id": person_id}
    ops["answerPlanChange"] = {"id": person_id, "changeID": person_id}
    ops["setPlanReviewDate"] = {"id": person_id}
    ops["recordPlanReview"] = {"id": person_id}
    # The person's goals: the demo's goal (set by the person; read by the team and the registered manager).
    goals = call(server, "GET", f"/api/v1/teams/{person_id}/plan/goals", admin)
    for op in ("listGoals", "addGoal"):
        ops[op] = {"id": person_id}
    if goals:
        for op in ("getGoal", "addGoalStep", "noteGoalProgress", "setGoalStatus"):
            ops[op] = {"id": person_id, "goalID": goals[0]["id"]}
    # The person's documents: the demo's support agreement (seen by the whole team and the registered manager),
    # its first version; a sharing agreement of the person's (none such: 404 once the permission holds).
    documents = call(server, "GET", f"/api/v1/teams/{person_id}/documents", admin)["documents"]
    for op in ("listDocuments", "addDocument", "recordSharingAgreement"):
        ops[op] = {"id": person_id}
    ops["endSharingAgreement"] = {"id": person_id, "agreementID": person_id}
    ops["search"] = {"id": person_id}
    if documents:
        for op in ("getDocument", "addDocumentVersion", "setDocumentVisibility"):
            ops[op] = {"documentID": documents[0]["id"]}
        ops["getDocumentFile"] = {"documentID": documents[0]["id"]}
    # The co-op's library: the demo's safeguarding policy (for everyone); adding to it is the administrator's.
    # (Reading the shelves needs nothing set: no entry, which would override nothing.)
    library = call(server, "GET", "/api/v1/library", admin)["shelves"]
    ops["addToLibrary"] = {}
    policies = [d for shelf in library for d in shelf["documents"]]
    if policies:
        for op in ("getLibraryDocument", "addLibraryVersion", "getLibraryFile"):
            ops[op] = {"libraryID": policies[0]["id"]}
    # Proposals: the demo's open majority vote; anyone may ask for a recount (409 until it is counted).
    # (The open one: the demo's other poll is closed and counted.)
    proposals = [p for p in call(server, "GET", "/api/v1/proposals", admin) if "result" not in p]
    ops["addProposal"] = {}
    motions = [p for p in proposals if p["kind"] == "majority"]
    if motions:
        for op in ("getProposal", "vote", "recountProposal", "enterVote"):
            ops[op] = {"proposalID": motions[0]["id"]}
    # The demo's open election: ballots, and postal ballots entered by the administrator.
    # The demo's open time poll for the members' meeting.
    polls = [p for p in proposals if p["kind"] == "time-poll"]
    if polls:
        ops["answerTimes"] = {"proposalID": polls[0]["id"]}
        ops["enterTimes"] = {"proposalID": polls[0]["id"]}
    elections = [p for p in proposals if p["kind"] == "election"]
    if elections:
        for op in ("castBallot", "enterBallot"):
            ops[op] = {"proposalID": elections[0]["id"]}
    # Concerns: the demo's (the family member's) is moved on by the administrator. Reading one is left to the
    # stateful phase, which reads back the concern it raised: a fixed id here would override that link and
    # ask the person for the family member's concern (404, rightly).
    concerns = call(server, "GET", "/api/v1/concerns", admin)["concerns"]
    if concerns:
        ops["moveConcern"] = {"concernID": concerns[0]["id"]}
    # Raising one may name a person whose team the raiser is in (a rule on the store's facts).
    ops["raiseConcern"] = {}
    # Members' meetings: the demo's general meeting held a fortnight ago (attendance taken, minutes written).
    ops["callMeeting"] = {}
    held = [m for m in call(server, "GET", "/api/v1/meetings", admin) if "minutes" in m]
    if held:
        for op in ("getMeeting", "recordAttendance", "writeMinutes", "approveMinutes"):
            ops[op] = {"meetingID": held[0]["id"]}
    # How the person's team decides, and the demo's decision (a plan change the team decides by consent).
    ops["getTeamSay"] = {"id": person_id}
    ops["setTeamSay"] = {"id": person_id}
    team_decisions = call(server, "GET", f"/api/v1/teams/{person_id}/say", admin)["decisions"]
    if team_decisions:
        ops["answerTeamDecision"] = {"id": person_id, "decisionID": team_decisions[0]["id"]}
    # Hand-overs of the hat waiting for a second holder (none in the demo: its hand-overs are one step).
    ops["listHandovers"] = {"id": hat}
    # What the person pays towards their care: read by the person (403 for the admin); chosen by the person.
    for op in ("getPayments", "choosePayments", "askToSettlePayments"):
        ops[op] = {"id": person_id}
    # Pay runs: the finance hat's alone too; one's own payslips need nothing set.
    ops["runPay"] = {}
    ops["getPayRun"] = {"id": person_id}
    ops["askForMyBalance"] = {}
    # A hand-over whose term ends before it starts is refused (422): a rule across two fields, which the
    # document states in words (JSON Schema cannot), so a schema-valid body may rightly be refused there.
    # The same for what a worker agrees to: each day once, and each day's end after its start.
    # A member's leaving day must be on or after the day they joined. Whether a new e-mail address can be
    # mailed (the mail server refuses some well-formed ones) is known only by trying: 422 with the field.
    # What each kind of record entry needs is stated in words too (a task's outcome, a note's text).
    cross_field = {"handOverHat", "changeMyConsent", "proposePattern", "changeMember", "changeMyEmail",
                   "writeVisitRecord", "confirmVisitTimes", "answerVisitTimes",
                   # A medicine needs a time unless taken as needed, a change needs a reason, one change waits at
                   # a time (409), a change is answered once (409), and the chart's first day must exist.
                   "addMedicine", "changeMedicine", "answerMedicineChange", "getMedicineChart",
                   # The history's first day on or before its last, at most 92 days.
                   "getVisitHistory",
                   # A yes needs who may see it and for how long; an item is answered once (409).
                   "answerMediaRequest",
                   # Banking needs the hours there and within the agreement's limit, an agreement of the
                   # person's (404 otherwise), a key not used for another request; an agreement's last day on
                   # or after its first, compressing's two lengths both or neither.
                   "bankHours", "drawHours", "recordFunding",
                   # A run's last day not after today, its first on or before it and at most 92 days before;
                   # an invoice credited once (409).
                   "runInvoices", "creditInvoice", "runPay",
                   # Asking for one's steady pay balance needs a balance, and is asked once till paid (409).
                   "askForMyBalance",
                   # A steady amount needs care the person pays for (409 otherwise); settling needs a balance,
                   # asked once till a month's end settles it (409).
                   "choosePayments", "askToSettlePayments",
                   # A change starts from the section's version as it stands (409 otherwise); a change is
                   # answered once, and agreed only while its section is as its writer saw it (409).
                   "proposePlanChange", "answerPlanChange",
                   # A review's date is not before today, one held not after today, the next one after today.
                   "setPlanReviewDate", "recordPlanReview",
                   # A note needs words and a tick a step the goal has; a step is ticked once until unticked, a
                   # goal takes steps and ticks only while worked on, at most 20 steps and 30 goals at once, and
                   # a status is set once (409).
                   "addGoal", "addGoalStep", "noteGoalProgress", "setGoalStatus",
                   # The people named must be in the person's team, the professional a professional in it; an
                   # agreement is ended once (409), and must be the person's (404); a version must exist (404).
                   "getDocumentFile", "addDocument",
                   # A search needs a word in it: letters or digits (422 otherwise).
                   "search", "setDocumentVisibility", "recordSharingAgreement", "endSharingAgreement",
                   # A shelf must be one of the co-op's circles (a well-formed id of none: 422), and a version
                   # must exist (404).
                   "addToLibrary", "getLibraryFile",
                   # A quorum must not exceed the members who can vote today; an objection needs a reason; an
                   # answer must be one the poll asks for; a poll not yet counted cannot be recounted (409).
                   "addProposal", "vote", "recountProposal",
                   # A postal or proxy vote must be for a member who can vote today (422 otherwise).
                   "enterVote",
                   # A ranking's numbers must be on this election's ballot and a code must match a ballot (422);
                   # a member votes once (409), and a postal ballot is for a member who can vote (422).
                   "castBallot", "enterBallot",
                   # Each of a time poll's times needs an answer (422 otherwise).
                   "answerTimes", "enterTimes",
                   # A concern moves forward only, each step once (409), exploring after acknowledging (409);
                   # an outcome needs a note (422).
                   "moveConcern",
                   # Which answers a member may give depends on the say and where they stand in the team (422
                   # otherwise); an objection needs a reason; a decision made is answered no more (409). When
                   # the person chose to decide alone, only they change the say (409).
                   "answerTeamDecision", "setTeamSay",
                   # A hand-over is answered once, not once lapsed, nor after the hat changed hands (409).
                   "answerHandover",
                   # A meeting's day gives 14 clear days' notice counted from today, and its proposals are the
                   # co-op's still open (422); attendance is for voting members, a proxy held by one who came
                   # (422), not before the day (409); minutes start from the version as it stands (409) and
                   # are for the meeting's own items (422).
                   "callMeeting", "recordAttendance", "writeMinutes",
                   # Minutes are approved at a later meeting, once it has begun and is quorate, as the version
                   # read out, once (409); the earlier meeting must be the co-op's, held before (422).
                   "approveMinutes",
                   # A concern may be about a person whose team the raiser is in (422 for anyone else).
                   "raiseConcern"}
    # What an upload is comes from its bytes (random ones are no photo: 415), and whether the person's consent
    # covers it from the store; a range past the end of a file is 416. Neither can be said in the schema.
    also = {"addMedia": ["413", "415"], "getMediaContent": ["416"], "addDocument": ["413", "415"],
            "addDocumentVersion": ["413", "415"], "addToLibrary": ["413", "415"], "addLibraryVersion": ["413", "415"]}
    lines = []
    for operation, values in ops.items():
        lines.append("[[operations]]")
        lines.append(f'include-operation-id = "{operation}"')
        if values:
            lines.append("parameters = { " + ", ".join(f'"path.{k}" = "{v}"' for k, v in values.items()) + " }")
        if operation in cross_field or operation in also:
            statuses = ["2xx", "3xx", "401", "403", "404", "409", "422", "429"] + also.get(operation, [])
            lines.append('checks = { positive_data_acceptance = { expected-statuses = '
                         + "[" + ", ".join(f'"{code}"' for code in statuses) + "] } }")
        lines.append("")
    return "\n".join(lines)


@pytest.mark.parametrize("role", ["admin", "person"])
def test_the_api_does_what_its_document_says(api_server, artifacts, tokens, role):
    admin = tokens["admin"]
    as_role = tokens[role]
    work = Path(tempfile.mkdtemp(prefix="carecoop-fuzz-"))
    (work / "schemathesis.toml").write_text(config(api_server, admin, tokens["person"]))
    exe = Path(sys.executable).parent / "schemathesis"
    # Signing out would end the token the run uses; it is fuzzed with a token of its own below.
    command = [str(exe), "--config-file", str(work / "schemathesis.toml"), "run", str(schema(api_server, work)),
               "--url", api_server.base, "--checks", "all", "-H", f"Authorization: Bearer {as_role}",
               "-n", str(EXAMPLES), "--seed", "1", "--exclude-operation-id", "signOut",
               "--suppress-health-check", "all", "--no-color"]
    result = subprocess.run(command, cwd=work, capture_output=True, text=True, timeout=900)
    (artifacts / f"schemathesis-{role}.txt").write_text(result.stdout + result.stderr)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]

    throwaway = tokens[f"throwaway-{role}"]
    sign_out = [str(exe), "run", str(schema(api_server, work)), "--url", api_server.base, "--checks", "all",
                "-H", f"Authorization: Bearer {throwaway}", "-n", "5", "--seed", "1",
                "--include-operation-id", "signOut", "--no-color"]
    result = subprocess.run(sign_out, cwd=work, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-4000:]
