import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useSubmit } from '../../components/useSubmit';
import { iso93Key, reviewKey, type Iso93Status, type Review, type UpdateReview } from './types';

export function useReviewQueries(id: string) {
  const review = useQuery({ queryKey: reviewKey(id), queryFn: () => api.get<Review>(`/reviews/${id}`) });
  const iso93 = useQuery({ queryKey: iso93Key(id), queryFn: () => api.get<Iso93Status>(`/reviews/${id}/iso93`) });
  return { review, iso93 };
}

/** Stores a changed review in the cache and re-reads its 9.3 coverage and the lists that show it. */
export function useReviewSaved() {
  const qc = useQueryClient();
  return async (r: Review) => {
    qc.setQueryData(reviewKey(r.id), r);
    await Promise.all([
      qc.invalidateQueries({ queryKey: iso93Key(r.id) }),
      qc.invalidateQueries({ queryKey: ['reviews', 'list'] }),
      qc.invalidateQueries({ queryKey: ['plan'] }),
    ]);
  };
}

/** PATCH /reviews/{id} with the review's current version. */
export function useReviewPatch(review: Review) {
  const saved = useReviewSaved();
  return useSubmit(async (changes: Omit<UpdateReview, 'version'>) => {
    const r = await api.patch<Review>(`/reviews/${review.id}`, { version: review.version, ...changes });
    await saved(r);
    return r;
  });
}
