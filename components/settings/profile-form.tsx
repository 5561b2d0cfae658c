"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { sendJson } from "@/components/admin/send-json";
import { Button } from "@/components/ui/button";
import { Input, Textarea } from "@/components/ui/input";
import { toast } from "@/components/ui/toaster";

type Profile = { name: string; jobTitle: string; company: string; preferredTone: string; signature: string };
const LINE_FIELDS = [
  { field: "name", max: 120, autoComplete: "name" },
  { field: "jobTitle", max: 120, autoComplete: "organization-title" },
  { field: "company", max: 120, autoComplete: "organization" },
  { field: "preferredTone", max: 200, autoComplete: "off" },
] as const;

/** The user's profile: what the assistant knows about them when it writes on their behalf. */
export function ProfileForm({ initial }: { initial: Profile }) {
  const t = useTranslations("common.settings");
  const router = useRouter();
  const id = useId();
  const [profile, setProfile] = useState(initial);
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={async (e) => {
        e.preventDefault();
        setSaving(true);
        const result = await sendJson("/api/profile", { method: "PATCH", body: JSON.stringify(profile) });
        setSaving(false);
        if (!result.ok) {
          setErrors(result.fields);
          return setError(result.message ?? t("failed"));
        }
        setErrors({});
        setError(null);
        toast.success(t("saved"));
        router.refresh();
      }}
    >
      {LINE_FIELDS.map(({ field, max, autoComplete }) => (
        <div key={field} className="flex flex-col gap-1.5">
          <label htmlFor={`${id}-${field}`} className="text-sm font-medium">
            {t(`fields.${field}`)}
          </label>
          <Input
            id={`${id}-${field}`}
            maxLength={max}
            autoComplete={autoComplete}
            placeholder={t(`placeholders.${field}`)}
            value={profile[field]}
            aria-invalid={errors[field] ? true : undefined}
            onChange={(e) => setProfile({ ...profile, [field]: e.target.value })}
          />
          {errors[field] && <p className="text-xs text-destructive">{errors[field].join(" ")}</p>}
        </div>
      ))}
      <div className="flex flex-col gap-1.5">
        <label htmlFor={`${id}-signature`} className="text-sm font-medium">
          {t("fields.signature")}
        </label>
        <Textarea
          id={`${id}-signature`}
          rows={4}
          maxLength={600}
          aria-describedby={`${id}-signature-hint`}
          placeholder={t("placeholders.signature")}
          value={profile.signature}
          onChange={(e) => setProfile({ ...profile, signature: e.target.value })}
        />
        <p id={`${id}-signature-hint`} className="text-xs text-muted-foreground">
          {t("signatureHint")}
        </p>
      </div>
      {error && (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      )}
      <div>
        <Button type="submit" disabled={saving}>
          {saving ? t("saving") : t("save")}
        </Button>
      </div>
    </form>
  );
}
