// One private endpoint for one sub-resource of a service (SQL server, a storage service, a Service Bus
// namespace), registered in its private DNS zone so the service's public host name resolves to it.

@description('Private endpoint name.')
param name string

@description('Region of the endpoint (the network\'s).')
param location string

@description('Tags applied to the endpoint.')
param tags { *: string }

@description('Subnet the endpoint gets its address from.')
param subnetId string

@description('Resource id of the service.')
param serviceId string

@description('Sub-resource (group id): sqlServer, blob, queue, table or namespace.')
param groupId string

@description('Private DNS zone of that sub-resource.')
param privateDnsZoneId string

resource endpoint 'Microsoft.Network/privateEndpoints@2025-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    subnet: {
      id: subnetId
    }
    privateLinkServiceConnections: [
      {
        name: name
        properties: {
          privateLinkServiceId: serviceId
          groupIds: [
            groupId
          ]
        }
      }
    ]
  }
}

resource dnsZoneGroup 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-07-01' = {
  parent: endpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: groupId
        properties: {
          privateDnsZoneId: privateDnsZoneId
        }
      }
    ]
  }
}
