import { Link } from "react-router";
import type { Home, HomeWork, ManagedProgramme } from "../../../contracts/home.ts";
import { paths, to } from "../../app/routes.tsx";
import { formatDay } from "../../components/format.ts";
import { programmeStateLabel, STATUS_TONES } from "../programmes/programme-labels.ts";

type Manager = NonNullable<Home["manager"]>;

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** The programmes an admin runs, each with what needs attention now. Counts only: no pair's content. */
export function ManagerHome({ manager }: { manager: Manager }) {
  if (manager.programmes.length === 0) return null;
  return (
    <section aria-labelledby="home-programmes" className="home-programmes">
      <h2 id="home-programmes" className="section-title">
        Programmes you run
      </h2>
      <ul className="home-programme-cards">
        {manager.programmes.map((programme) => (
          <ProgrammeCard key={programme.id} programme={programme} manager={manager} />
        ))}
      </ul>
    </section>
  );
}

function ProgrammeCard({ programme, manager }: { programme: ManagedProgramme; manager: Manager }) {
  const at = (path: string) => to(path, { programmeId: programme.id });
  const items: { key: string; text: string; link: string }[] = [];
  if (programme.pendingApproval > 0)
    items.push({
      key: "approval",
      text: `${plural(programme.pendingApproval, "registration waits", "registrations wait")} for your approval`,
      link: `${at(paths.programmeParticipants)}?status=pending_approval`,
    });
  if (programme.waitingForMatch > 0)
    items.push({
      key: "waiting",
      text: `${plural(programme.waitingForMatch, "person is", "people are")} waiting for a match`,
      link:
        programme.status === "registration_open"
          ? at(paths.programmeParticipants)
          : at(paths.programmeMatching),
    });
  if (programme.expiringRequests > 0)
    items.push({
      key: "expiring",
      text: `${plural(programme.expiringRequests, "request expires", "requests expire")} within ${manager.expiringWithinDays} days`,
      link: at(paths.programmeParticipants),
    });
  if (programme.inactivePairs > 0)
    items.push({
      key: "inactive",
      text: `${plural(programme.inactivePairs, "pair has", "pairs have")} had no activity for ${manager.inactiveDays} days or more`,
      link: `${at(paths.programmeRelationships)}?sort=inactive`,
    });
  const headingId = `home-programme-${programme.id}`;
  return (
    <li className="card home-programme">
      <div className="home-programme__head">
        <h3 id={headingId} className="home-programme__name">
          <Link to={at(paths.programme)}>{programme.name}</Link>
        </h3>
        <span className={`badge ${STATUS_TONES[programme.status]}`}>{programmeStateLabel(programme)}</span>
      </div>
      <p className="muted">
        {plural(programme.livePairs, "live pair", "live pairs")}
        {programme.endsOn && !programme.evergreen ? ` · ends ${formatDay(programme.endsOn)}` : ""}
      </p>
      {programme.work.map((work) => (
        <WorkProgress
          key={work.id}
          work={work}
          link={at(work.kind === "matching" ? paths.programmeMatching : paths.programmeImport)}
        />
      ))}
      {items.length > 0 ? (
        <ul className="home-list">
          {items.map((item) => (
            <li key={item.key}>
              <Link to={item.link}>{item.text}</Link>
            </li>
          ))}
        </ul>
      ) : programme.work.length === 0 ? (
        <p className="home-programme__calm">Nothing needs your attention here.</p>
      ) : null}
    </li>
  );
}

function WorkProgress({ work, link }: { work: HomeWork; link: string }) {
  const percent = work.total > 0 ? Math.min(100, Math.round((work.done / work.total) * 100)) : 0;
  const label =
    work.kind === "matching"
      ? `Matching run in progress: ${percent}%`
      : `CSV import in progress: ${work.done} of ${work.total} rows`;
  const id = `home-work-${work.id}`;
  return (
    <div className="home-work">
      <Link id={id} to={link}>
        {label}
      </Link>
      <div
        className="home-work__bar"
        role="progressbar"
        aria-labelledby={id}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <div style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
