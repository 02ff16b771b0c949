import { useEffect } from 'react';

/** The document title: "<page> · Vitrine", so history and tabs say where one is. */
export function useTitle(page: string): void {
  useEffect(() => {
    document.title = page ? `${page} · Vitrine` : 'Vitrine';
  }, [page]);
}
