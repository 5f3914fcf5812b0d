import { splitLinks } from '../format';

/** User text, rendered as text; http(s) URLs become safe links. */
export function Text({ text }: { text: string }) {
  return (
    <>
      {splitLinks(text).map((part) =>
        typeof part === 'string' ? (
          part
        ) : (
          <a href={part.url} target="_blank" rel="noopener noreferrer nofollow">
            {part.url}
          </a>
        ),
      )}
    </>
  );
}
