import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import {
  type MyProfile,
  PHOTO_CONTENT_TYPES,
  PHOTO_MAX_BYTES,
  type Photo,
} from "../../../contracts/profiles.ts";
import { describeError } from "../../api/api-error.ts";
import { api } from "../../api/queries.ts";
import { Alert, LiveRegion } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { profileKeys, uploadPhotoFile } from "./profile-api.ts";
import { formatMegabytes } from "./profile-format.ts";

const ACCEPTED = PHOTO_CONTENT_TYPES as readonly string[];

function readAsDataUrl(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** What is wrong with a chosen file before uploading it, in words, or null. */
export function photoProblem(file: File): string | null {
  if (!ACCEPTED.includes(file.type)) {
    const kind = file.type ? file.type.replace(/^image\//, "").toUpperCase() : "this kind of";
    return `${file.name} is a ${kind} file. Choose a PNG, JPEG or WebP image.`;
  }
  if (file.size > PHOTO_MAX_BYTES)
    return `${file.name} is ${formatMegabytes(file.size)}; a photo can be at most ${formatMegabytes(PHOTO_MAX_BYTES)}.`;
  return null;
}

/**
 * The profile photo: a preview, a file input that uploads as soon as a file is chosen (checked
 * for type and size first, so mistakes are explained before anything is sent), and Remove.
 */
export function PhotoField({ orgId, name, photo }: { orgId: string; name: string; photo: Photo | null }) {
  const id = useId();
  const client = useQueryClient();
  const [preview, setPreview] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const setPhoto = (next: Photo | null) => {
    client.setQueryData<MyProfile>(profileKeys.mine(orgId), (profile) =>
      profile ? { ...profile, photo: next } : profile,
    );
    client.invalidateQueries({ queryKey: ["org", orgId, "people"] });
  };
  const upload = useMutation({
    mutationFn: (file: File) => uploadPhotoFile(orgId, file),
    onSuccess: (saved) => {
      setPhoto(saved);
      setPreview(null);
      setStatus("Photo saved.");
    },
    onError: () => setPreview(null),
  });
  const remove = useMutation({
    mutationFn: () => api.call("deleteProfilePhoto", { params: { orgId } }),
    onSuccess: () => {
      setPhoto(null);
      setStatus("Photo removed.");
    },
  });

  async function choose(file: File | undefined) {
    setStatus(null);
    upload.reset();
    remove.reset();
    if (!file) return;
    const wrong = photoProblem(file);
    setProblem(wrong);
    if (wrong) return;
    setPreview(await readAsDataUrl(file));
    upload.mutate(file);
  }

  const shown = preview ?? photo?.url ?? null;
  const error =
    problem ??
    (upload.isError ? describeError(upload.error) : remove.isError ? describeError(remove.error) : null);
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join("");

  return (
    <div className="profile-photo">
      {shown ? (
        <img
          className="profile-photo__image"
          src={shown}
          alt={preview ? "Preview of your new photo" : "Your photo"}
        />
      ) : (
        <span className="profile-photo__image profile-photo__initials" aria-hidden="true">
          {initials || "?"}
        </span>
      )}
      <div className="profile-photo__controls">
        <label htmlFor={`${id}-file`} className="field__label">
          Photo
        </label>
        <p id={`${id}-hint`} className="field__hint">
          PNG, JPEG or WebP, at most {formatMegabytes(PHOTO_MAX_BYTES)}. It is saved as soon as you choose it.
        </p>
        <input
          id={`${id}-file`}
          type="file"
          className="profile-photo__input"
          accept={PHOTO_CONTENT_TYPES.join(",")}
          aria-describedby={[`${id}-hint`, error ? `${id}-error` : ""].filter(Boolean).join(" ")}
          aria-invalid={error ? true : undefined}
          onChange={(event) => {
            void choose(event.target.files?.[0]);
            event.target.value = "";
          }}
        />
        {photo ? (
          <Button
            variant="ghost"
            size="small"
            busy={remove.isPending}
            busyLabel="Removing…"
            onClick={() => remove.mutate()}
          >
            Remove photo
          </Button>
        ) : null}
        {error ? (
          <div id={`${id}-error`}>
            <Alert tone="error">{error}</Alert>
          </div>
        ) : null}
        <LiveRegion>
          {upload.isPending ? (
            <span>Uploading…</span>
          ) : status ? (
            <span className="saved">{status}</span>
          ) : null}
        </LiveRegion>
      </div>
    </div>
  );
}
