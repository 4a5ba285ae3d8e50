import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { Link, useParams } from "react-router";
import type { EnrolmentRoleValue, ImportPreview } from "../../../contracts/enrolment.ts";
import { describeError } from "../../api/api-error.ts";
import { api, isAdminOf, useMe } from "../../api/queries.ts";
import { paths, to } from "../../app/routes.tsx";
import { AdminOnly } from "../../components/admin-only.tsx";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { SelectField } from "../../components/field.tsx";
import { formatDateTime } from "../../components/format.ts";
import { Card, PageHeader } from "../../components/page.tsx";
import { enrolmentKeys, ROLE_LABELS, useEnrolmentChanged } from "./enrolment-queries.ts";
import { ImportProgress, ProblemList } from "./import-progress.tsx";
import "./enrolment.css";

const MAX_FILE_BYTES = 20 * 1024 * 1024;
type Mapping = ImportPreview["mapping"];

/** Admins import participants from a CSV file: pick, map columns, preview with row problems, import. */
export default function ImportPage() {
  const me = useMe().data!;
  const { programmeId = "" } = useParams();
  if (!isAdminOf(me) || !me.currentOrgId) return <AdminOnly title="Import participants" />;
  return <Importer orgId={me.currentOrgId} programmeId={programmeId} />;
}

function Importer({ orgId, programmeId }: { orgId: string; programmeId: string }) {
  const params = { orgId, programmeId };
  const fileId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [mapping, setMapping] = useState<Mapping | null>(null);
  const [defaultRole, setDefaultRole] = useState<EnrolmentRoleValue | "">("");
  const [importId, setImportId] = useState<string | null>(null);
  const client = useQueryClient();

  const preview = useMutation({
    mutationFn: (input: {
      file: { name: string; text: string };
      mapping: Mapping | null;
      defaultRole: string;
    }) =>
      api.call("previewParticipantImport", {
        params,
        body: {
          file: input.file,
          ...(input.mapping ? { mapping: input.mapping } : {}),
          ...(input.defaultRole ? { defaultRole: input.defaultRole as EnrolmentRoleValue } : {}),
        },
      }),
    onSuccess: (result) => setMapping(result.mapping),
  });
  const start = useMutation({
    mutationFn: () =>
      api.call("startParticipantImport", {
        params,
        body: {
          file: file!,
          mapping: mapping ?? [],
          ...(defaultRole ? { defaultRole } : {}),
        },
      }),
    onSuccess: (started) => {
      setImportId(started.id);
      client.setQueryData(enrolmentKeys.import(orgId, programmeId, started.id), started);
    },
  });

  // Re-read the file through the mapping a moment after each change.
  const firstRun = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: preview when the mapping or default role changes
  useEffect(() => {
    if (firstRun.current || !file || !mapping) {
      firstRun.current = false;
      return;
    }
    const timer = setTimeout(() => preview.mutate({ file, mapping, defaultRole }), 300);
    return () => clearTimeout(timer);
  }, [JSON.stringify(mapping), defaultRole]);

  async function choose(chosen: File | undefined) {
    setImportId(null);
    start.reset();
    setFileError(null);
    if (!chosen) return;
    if (chosen.size > MAX_FILE_BYTES) {
      setFileError("The file is larger than 20 MB: split it into smaller files.");
      return;
    }
    const next = { name: chosen.name, text: await chosen.text() };
    setFile(next);
    setMapping(null);
    firstRun.current = true;
    preview.mutate({ file: next, mapping: null, defaultRole });
  }

  function reset() {
    setFile(null);
    setMapping(null);
    setImportId(null);
    preview.reset();
    start.reset();
    if (fileInput.current) {
      fileInput.current.value = "";
      fileInput.current.focus();
    }
  }

  const result = preview.data;
  const participantsPath = to(paths.programmeParticipants, { programmeId });
  return (
    <>
      <PageHeader
        title="Import participants"
        description="Add many people at once from a spreadsheet saved as CSV. Importing the same file again updates people; it never adds them twice."
        actions={
          <Link to={participantsPath} className="button button--secondary">
            Participants
          </Link>
        }
      />
      <Card title="1. Choose a file">
        <div className={`field${fileError ? " field--invalid" : ""}`}>
          <label htmlFor={fileId} className="field__label">
            CSV file
          </label>
          <p id={`${fileId}-hint`} className="field__hint">
            One person per row, with a header row. An email column is needed; names, roles, capacity, profile
            fields and answers to the registration questions are optional. Skills look like "TypeScript:4;
            React:3".
          </p>
          <input
            ref={fileInput}
            id={fileId}
            type="file"
            accept=".csv,text/csv,text/plain"
            className="input file-input"
            aria-describedby={`${fileId}-hint${fileError ? ` ${fileId}-error` : ""}`}
            aria-invalid={fileError ? true : undefined}
            disabled={Boolean(importId)}
            onChange={(event) => choose(event.target.files?.[0])}
          />
          {fileError ? (
            <p id={`${fileId}-error`} className="field__error">
              <span aria-hidden="true" className="field__error-icon">
                !
              </span>
              {fileError}
            </p>
          ) : null}
        </div>
        <div role="status" className="live-region">
          {preview.isPending
            ? "Reading the file…"
            : result && file
              ? `${file.name}: ${result.totalRows} rows read.`
              : ""}
        </div>
        {preview.isError ? <Alert tone="error">{describeError(preview.error)}</Alert> : null}
      </Card>

      {result && file && mapping && !importId ? (
        <>
          <MappingCard
            result={result}
            mapping={mapping}
            onMappingChange={setMapping}
            defaultRole={defaultRole}
            onDefaultRoleChange={setDefaultRole}
          />
          <PreviewCard result={result} mapping={mapping} />
          <Card title="3. Import">
            <p>
              {result.validRows} of {result.totalRows} rows can be imported
              {result.totalRows > result.validRows
                ? "; rows with problems are left out and listed again afterwards"
                : ""}
              .
            </p>
            {start.isError ? <Alert tone="error">{describeError(start.error)}</Alert> : null}
            <div className="form-actions">
              <Button
                busy={start.isPending}
                busyLabel="Starting…"
                disabled={result.mappingProblems.length > 0 || result.validRows === 0 || preview.isPending}
                onClick={() => start.mutate()}
              >
                Import {result.validRows} {result.validRows === 1 ? "person" : "people"}
              </Button>
              <Button variant="ghost" onClick={reset}>
                Choose another file
              </Button>
            </div>
          </Card>
        </>
      ) : null}

      {importId ? (
        <ImportProgress orgId={orgId} programmeId={programmeId} importId={importId} onAnother={reset} />
      ) : null}
      <RecentImports orgId={orgId} programmeId={programmeId} />
    </>
  );
}

function MappingCard({
  result,
  mapping,
  onMappingChange,
  defaultRole,
  onDefaultRoleChange,
}: {
  result: ImportPreview;
  mapping: Mapping;
  onMappingChange: (mapping: Mapping) => void;
  defaultRole: string;
  onDefaultRoleChange: (role: EnrolmentRoleValue | "") => void;
}) {
  const fieldOf = (column: number) => mapping.find((item) => item.column === column)?.field ?? "";
  const setField = (column: number, field: string) =>
    onMappingChange(
      [
        ...mapping.filter((item) => item.column !== column && (field === "" || item.field !== field)),
        ...(field ? [{ column, field }] : []),
      ].sort((a, b) => a.column - b.column),
    );
  return (
    <Card title="2. Match the columns">
      <p>We guessed from the headers. Choose what each column holds, or leave it out.</p>
      <ul className="mapping-list">
        {result.columns.map((column) => (
          <li key={column.index}>
            <SelectField
              label={`Column ${column.index + 1}: ${column.header}`}
              name={`column-${column.index}`}
              value={fieldOf(column.index)}
              onChange={(event) => setField(column.index, event.target.value)}
            >
              <option value="">Leave out</option>
              {result.targets.map((target) => (
                <option key={target.target} value={target.target}>
                  {target.label}
                  {target.required ? " (needed)" : ""}
                </option>
              ))}
            </SelectField>
            <p className="mapping-list__samples">
              {column.samples.length > 0 ? `e.g. ${column.samples.join(" · ")}` : "empty in every row"}
            </p>
          </li>
        ))}
      </ul>
      <SelectField
        label="Role for rows without one"
        name="defaultRole"
        className="field--medium section"
        value={defaultRole}
        onChange={(event) => onDefaultRoleChange(event.target.value as EnrolmentRoleValue | "")}
      >
        <option value="">None: such rows are a problem</option>
        {Object.entries(ROLE_LABELS).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </SelectField>
      {result.mappingProblems.length > 0 ? (
        <Alert tone="error" title="The columns cannot be imported like this">
          <ul>
            {result.mappingProblems.map((problem) => (
              <li key={`${problem.field}-${problem.message}`}>{problem.message}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
    </Card>
  );
}

function PreviewCard({ result, mapping }: { result: ImportPreview; mapping: Mapping }) {
  const linesWithProblems = new Set(result.problems.map((problem) => problem.line));
  const mapped = mapping.map((item) => ({
    column: item.column,
    label: result.targets.find((target) => target.target === item.field)?.label ?? item.field,
  }));
  return (
    <Card title="Preview">
      <p>
        The first {result.rows.length} of {result.totalRows} rows, as they will be imported.
      </p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
      <section className="table-scroll" tabIndex={0} aria-label="Preview of the first rows">
        <table className="preview-table">
          <thead>
            <tr>
              <th scope="col">Line</th>
              {mapped.map((item) => (
                <th key={item.column} scope="col">
                  {item.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {result.rows.map((row) => (
              <tr
                key={row.line}
                className={linesWithProblems.has(row.line) ? "preview-table__problem" : undefined}
              >
                <th scope="row">
                  {row.line}
                  {linesWithProblems.has(row.line) ? (
                    <>
                      {" "}
                      <span aria-hidden="true" className="field__error-icon">
                        !
                      </span>
                      <span className="visually-hidden">(has a problem, listed below)</span>
                    </>
                  ) : null}
                </th>
                {mapped.map((item) => (
                  <td key={item.column}>{row.cells[item.column] ?? ""}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {result.problemCount > 0 ? (
        <ProblemList
          problems={result.problems}
          count={result.problemCount}
          title={`${result.problemCount} ${result.problemCount === 1 ? "problem" : "problems"} in the file`}
        />
      ) : result.mappingProblems.length === 0 ? (
        <Alert tone="success">No problems found in the file.</Alert>
      ) : null}
    </Card>
  );
}

function RecentImports({ orgId, programmeId }: { orgId: string; programmeId: string }) {
  const list = useQuery({
    queryKey: enrolmentKeys.imports(orgId, programmeId),
    queryFn: () => api.call("listParticipantImports", { params: { orgId, programmeId } }),
  });
  const changed = useEnrolmentChanged(orgId, programmeId);
  const imports = list.data?.imports ?? [];
  // biome-ignore lint/correctness/useExhaustiveDependencies: refresh the participants when an import ends
  useEffect(() => {
    void changed();
  }, [imports.filter((item) => item.status !== "running").length]);
  if (imports.length === 0) return null;
  return (
    <Card title="Recent imports">
      <ul className="item-list">
        {imports.map((item) => (
          <li key={item.id} className="item-list__item">
            <div className="item-list__main">
              <p className="item-list__title">
                {formatDateTime(item.createdAt)}: {item.status === "running" ? "running" : item.status}
              </p>
              <p className="item-list__meta">
                {item.totalRows} rows · {item.createdCount} added · {item.updatedCount} updated ·{" "}
                {item.errorCount} problems
                {item.startedByName ? ` · by ${item.startedByName}` : ""}
              </p>
            </div>
          </li>
        ))}
      </ul>
      <p className="muted">
        Times are in your time zone ({Intl.DateTimeFormat().resolvedOptions().timeZone}).
      </p>
    </Card>
  );
}
