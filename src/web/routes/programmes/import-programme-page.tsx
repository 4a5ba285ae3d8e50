import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router";
import { ImportProgrammeRequestSchema } from "../../../contracts/programme-document.routes.ts";
import { ApiError } from "../../api/api-error.ts";
import { api, isAdminOf, queryKeys, useMe } from "../../api/queries.ts";
import { AdminOnly } from "../../components/admin-only.tsx";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { PageHeader } from "../../components/page.tsx";
import { TextAreaField } from "../../components/text-area-field.tsx";
import { useContractForm } from "../../components/use-contract-form.ts";
import { useQueryClient } from "@tanstack/react-query";

/** Programmes → Import: a programme document (exported from Settings) becomes a draft here. */
export default function ImportProgrammePage() {
  const me = useMe().data!;
  if (!isAdminOf(me) || !me.currentOrgId) return <AdminOnly title="Import a programme" />;
  return <ImportProgramme orgId={me.currentOrgId} />;
}

function ImportProgramme({ orgId }: { orgId: string }) {
  const navigate = useNavigate();
  const client = useQueryClient();
  const [text, setText] = useState("");
  const importDocument = useMutation({
    mutationFn: (document: string) =>
      api.call("importProgrammeDocument", { params: { orgId }, body: { document } }),
    onSuccess: async (imported) => {
      await client.invalidateQueries({ queryKey: queryKeys.org(orgId) });
      navigate(`/programmes/${imported.programmeId}/settings`, {
        state: { flash: `“${imported.name}” was imported as a draft. Check its dates before opening it.` },
      });
    },
  });
  const form = useContractForm(
    ImportProgrammeRequestSchema,
    (values) => importDocument.mutate(values.document),
    null,
  );
  // Each problem names its line and its path in the document: list them all.
  const problems =
    importDocument.error instanceof ApiError
      ? importDocument.error.details.map(
          (detail) => `${detail.path.replace(/^body\.document\.?/, "") || "document"}: ${detail.message}`,
        )
      : [];

  return (
    <>
      <PageHeader
        title="Import a programme"
        description="Paste a programme document (Settings → Export as JSON, from this or another Trellis). It becomes a draft programme with the same settings, registration form and matching criteria."
      />
      <form ref={form.formRef} onSubmit={form.onSubmit} noValidate className="stack">
        {form.formError ? <Alert tone="error">{form.formError}</Alert> : null}
        {importDocument.isError ? (
          <Alert tone="error" title="The document has problems">
            {problems.length > 0 ? (
              <ul>
                {problems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            ) : (
              importDocument.error.message
            )}
          </Alert>
        ) : null}
        <label className="field__label" htmlFor="programme-document-file">
          Open a file
        </label>
        <input
          id="programme-document-file"
          type="file"
          accept="application/json,.json"
          onChange={async (event) => {
            const file = event.target.files?.[0];
            if (file) setText(await file.text());
          }}
        />
        <TextAreaField
          label="Programme document (JSON)"
          name="document"
          rows={16}
          value={text}
          onChange={(event) => setText(event.target.value)}
          error={form.fieldError("document")}
          spellCheck={false}
        />
        <div className="form-actions">
          <Button type="submit" busy={importDocument.isPending} busyLabel="Importing…">
            Import as a draft
          </Button>
        </div>
      </form>
    </>
  );
}
