/** Image datasets in the IDX format (MNIST, Fashion-MNIST): {@link io.neuroedge.host.data.IdxReader}. */
package io.neuroedge.host.data;
