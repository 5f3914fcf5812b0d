import { linkify } from '@parley/protocol/client';

/** User text, rendered as text; http(s) URLs become safe links. */
export function Text({ text }: { text: string }) {
  return (
    <>
      {linkify(text).map((part) =>
        part.kind === 'text' ? (
          part.text
        ) : (
          <a href={part.href} target="_blank" rel="noopener noreferrer nofollow">
            {part.text}
          </a>
        ),
      )}
    </>
  );
}
