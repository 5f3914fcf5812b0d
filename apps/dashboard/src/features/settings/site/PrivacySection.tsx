import type { SiteDto } from '@parley/protocol';
import { ToggleField } from '../components/ToggleField';
import { SectionForm } from './SectionForm';
import { privacyModel } from './sections';
import { useSiteSection } from './useSiteSection';

/** Visitor tracking (sessions, page views) and whether anything is stored before they interact. */
export function PrivacySection({ site }: { site: SiteDto }) {
  const section = useSiteSection(site, privacyModel, 'Privacy settings');
  const { draft } = section;
  return (
    <SectionForm section={section} title="Privacy & tracking" description="What Parley records about visitors who have not written to you yet." testId="privacy">
      <ToggleField
        label="Track visits"
        checked={draft.enabled}
        onChange={(enabled) => section.update((d) => ({ ...d, enabled }))}
        testId="privacy-tracking"
        hint={
          draft.enabled
            ? 'Agents see who is on the website right now, the pages they visit, where they came from, their device and country; proactive triggers can use pages viewed and returning visits.'
            : 'Off: nothing is recorded until a visitor writes; the live visitors list stays empty for this website and triggers based on visits never fire.'
        }
      />
      <ToggleField
        label="Remember visitors from their first page view"
        checked={draft.storeBeforeInteraction}
        onChange={(storeBeforeInteraction) => section.update((d) => ({ ...d, storeBeforeInteraction }))}
        testId="privacy-store"
        hint={
          draft.storeBeforeInteraction
            ? 'The widget keeps a visitor id in the browser’s storage right away, so returning visitors are recognised across days. Your cookie notice should mention it.'
            : 'Recommended. Nothing is stored on the visitor’s device until they interact (write, fill in a form, accept a prompt); until then a visit is only counted for the day.'
        }
      />
      <div className="note" data-testid="privacy-dnt">
        <strong>Do Not Track is always honoured.</strong> Browsers that send Do Not Track or Global Privacy Control are never tracked, whatever the settings above say: they
        can still chat, and only the conversation is stored.
      </div>
    </SectionForm>
  );
}
